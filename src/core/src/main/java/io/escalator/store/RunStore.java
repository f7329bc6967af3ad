package io.escalator.store;

import io.escalator.config.EscalatorConfig;
import io.escalator.cost.TierHistory;
import io.escalator.run.Attempt;
import io.escalator.run.AttemptState;
import io.escalator.run.Item;
import io.escalator.support.Json;
import io.escalator.run.PendingApproval;
import io.escalator.run.Resolution;
import io.escalator.run.ItemStatus;
import io.escalator.run.Run;
import io.escalator.run.RunSnapshot;
import io.escalator.run.RunStatus;
import io.escalator.run.RunTotals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import io.escalator.support.Pause;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Stores runs, items and attempts in one DynamoDB table (see {@link Keys}). Records are mapped with the Enhanced
 * Client's static schemas; the writes that must be atomic or arithmetic (budget reservations, attempt completion,
 * decisions) go through TransactWriteItems with condition expressions, so concurrent items can never push a run's
 * spend past its cap and a repeated step can never record or charge anything twice.
 */
@ApplicationScoped
public class RunStore {

    private static final Logger LOG = Logger.getLogger(RunStore.class);
    static final int CONFLICT_TRIES = Transactions.CONFLICT_TRIES;
    /** DynamoDB takes at most 100 actions per transaction; a decision writes two. */
    private static final int DECISIONS_PER_TRANSACTION = 50;
    /** Runs read per Query page of a listing that filters on read. */
    private static final int FILTERED_LISTING_READ = 100;
    private static final Set<String> RESOLUTION_ATTRIBUTES =
            Set.of(RunEntity.RESOLUTION_ACTION, RunEntity.RESOLUTION_COMMENT, RunEntity.RESOLVED_AT);

    private final DynamoDbClient client;
    private final String tableName;
    private final Duration retention;
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<RunEntity> runs;
    private final DynamoDbTable<ItemEntity> items;
    private final DynamoDbIndex<RunEntity> runsByTime;
    private final DynamoDbIndex<RunEntity> runsByStatus;

    @Inject
    public RunStore(DynamoDbClient client, EscalatorConfig config) {
        this(client, config.dynamodb().table(), Duration.ofDays(config.retention().runDays()));
    }

    public RunStore(DynamoDbClient client, String tableName, Duration retention) {
        this.client = client;
        this.tableName = tableName;
        this.retention = retention;
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        this.runs = enhanced.table(tableName, RunEntity.SCHEMA);
        this.items = enhanced.table(tableName, ItemEntity.SCHEMA);
        this.runsByTime = runs.index(Keys.RUNS_BY_TIME);
        this.runsByStatus = runs.index(Keys.RUNS_BY_STATUS);
    }

    /**
     * Stores a new run with its items. The items go first and the run record last, so a run is never visible
     * half-written: readers find the run only once everything of it is stored.
     */
    public void createRun(Run run, List<Item> newItems) {
        Instant expiresAt = expiry(run);
        for (int from = 0; from < newItems.size(); from += 25) {
            WriteBatch.Builder<ItemEntity> batch = WriteBatch.builder(ItemEntity.class).mappedTableResource(items);
            newItems.subList(from, Math.min(from + 25, newItems.size()))
                    .forEach(item -> batch.addPutItem(ItemEntity.of(item, expiresAt)));
            writeFully(batch.build());
        }
        runs.putItem(PutItemEnhancedRequest.builder(RunEntity.class)
                .item(RunEntity.of(run, expiresAt))
                .conditionExpression(Expression.builder().expression("attribute_not_exists(pk)").build())
                .build());
    }

    private void writeFully(WriteBatch batch) {
        List<ItemEntity> pending = enhanced.batchWriteItem(r -> r.addWriteBatch(batch)).unprocessedPutItemsForTable(items);
        for (int retry = 1; !pending.isEmpty(); retry++) {
            if (retry > 8) {
                throw new IllegalStateException("DynamoDB kept " + pending.size() + " item writes unprocessed");
            }
            Pause.sleep(Duration.ofMillis(25L << retry), "retrying a DynamoDB write");
            WriteBatch.Builder<ItemEntity> again = WriteBatch.builder(ItemEntity.class).mappedTableResource(items);
            pending.forEach(again::addPutItem);
            pending = enhanced.batchWriteItem(r -> r.addWriteBatch(again.build())).unprocessedPutItemsForTable(items);
        }
    }

    public Optional<Run> findRun(String runId) {
        return Optional.ofNullable(runs.getItem(r -> r.key(metaKey(runId)).consistentRead(true))).map(RunEntity::toRun);
    }

    /** The run with all its items and attempts, in one (paginated) strongly consistent Query. */
    public RunSnapshot load(String runId) {
        Run run = null;
        List<Item> runItems = new ArrayList<>();
        List<Attempt> attempts = new ArrayList<>();
        QueryRequest query = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.run(runId))))
                .consistentRead(true)
                .build();
        for (Map<String, AttributeValue> record : client.queryPaginator(query).items()) {
            String sk = record.get(Keys.SK).s();
            if (sk.equals(Keys.META)) {
                run = RunEntity.SCHEMA.mapToItem(record).toRun();
            } else if (sk.startsWith(Keys.ITEM_PREFIX)) {
                runItems.add(ItemEntity.SCHEMA.mapToItem(record).toItem());
            } else if (sk.startsWith(Keys.ATTEMPT_PREFIX)) {
                attempts.add(AttemptEntity.SCHEMA.mapToItem(record).toAttempt());
            }
        }
        if (run == null) {
            throw new RunNotFoundException(runId);
        }
        return new RunSnapshot(run, runItems, attempts);
    }

    /** All runs, newest first, one page at a time. */
    public RunPage listRuns(int limit, String cursor) {
        return listRuns(RunFilter.ALL, limit, cursor);
    }

    /**
     * The runs the filter lets through, newest first, one page at a time, by Query on the index that holds the
     * filter's status, workflow or all runs. A page is short only when it is the last: a workflow filtered on read
     * (with a status) reads on until the page is full or the runs run out. {@code nextCursor} is {@code null} exactly
     * when no run follows.
     */
    public RunPage listRuns(RunFilter filter, int limit, String cursor) {
        RunListingQuery query = RunListingQuery.of(filter);
        if (query.isEmptyRange()) {
            return new RunPage(List.of(), null);
        }
        // One run more than the page: whether it exists tells whether a next page does.
        int wanted = limit + 1;
        Expression filterOnRead = query.filterOnRead();
        QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                .queryConditional(query.keyCondition())
                .filterExpression(filterOnRead)
                .scanIndexForward(false)
                // DynamoDB's limit counts runs read before the filter: read more at a time when some are left out.
                .limit(filterOnRead == null ? wanted : Math.max(wanted, FILTERED_LISTING_READ));
        if (cursor != null && !cursor.isBlank()) {
            request.exclusiveStartKey(Cursors.decode(cursor, query));
        }
        List<RunEntity> found = new ArrayList<>();
        Iterator<Page<RunEntity>> pages = runs.index(query.index().indexName()).query(request.build()).iterator();
        while (found.size() < wanted && pages.hasNext()) {
            found.addAll(pages.next().items());
        }
        if (found.size() <= limit) {
            return new RunPage(found.stream().map(RunEntity::toRun).toList(), null);
        }
        List<RunEntity> page = found.subList(0, limit);
        RunIndex index = query.index();
        Map<String, AttributeValue> lastKey = RunEntity.SCHEMA.itemToMap(page.getLast(),
                List.of(Keys.PK, Keys.SK, index.partitionKey(), index.sortKey()));
        return new RunPage(page.stream().map(RunEntity::toRun).toList(), Cursors.encode(lastKey, query));
    }

    /** Runs created before the cutoff, oldest first, at most {@code limit}. */
    public List<Run> runsCreatedBefore(Instant cutoff, int limit) {
        Page<RunEntity> page = runsByTime.query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortLessThan(k -> k.partitionValue(Keys.ALL_RUNS)
                        .sortValue(RunEntity.timeOrder(cutoff, ""))))
                .scanIndexForward(true)
                .limit(limit)
                .build()).iterator().next();
        return page.items().stream().map(RunEntity::toRun).toList();
    }

    /**
     * Deletes a run and everything of it. The run record goes first, so the run disappears from every view at once
     * even if deleting the rest is interrupted (the next cleanup finishes it: the remains expire by TTL anyway).
     */
    public void deleteRun(String runId) {
        client.deleteItem(b -> b.tableName(tableName).key(metaKeyMap(runId)));
        QueryRequest keysOnly = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.run(runId))))
                .projectionExpression(Keys.PK + ", " + Keys.SK)
                .build();
        List<WriteRequest> deletes = new ArrayList<>();
        for (Map<String, AttributeValue> key : client.queryPaginator(keysOnly).items()) {
            deletes.add(WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
        }
        BatchWrites.writeFully(client, tableName, deletes);
    }

    /** Every run in a status (all pages). */
    public List<Run> runsWithStatus(RunStatus status) {
        SdkIterable<Page<RunEntity>> pages = runsByStatus.query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(Keys.status(status.name()))))
                .build());
        List<Run> found = new ArrayList<>();
        pages.forEach(page -> page.items().forEach(entity -> found.add(entity.toRun())));
        return found;
    }

    public void saveEstimate(String runId, String estimateJson) {
        client.updateItem(b -> b.tableName(tableName).key(metaKeyMap(runId))
                .updateExpression("SET estimateJson = :estimate")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":estimate", AttributeValue.fromS(estimateJson))));
    }

    /**
     * Records an attempt as started and reserves its worst-case cost on the run, atomically. The reservation only
     * succeeds while the run is running and {@code committed + reserved <= maxCost} and the attempt cap is not
     * reached; the attempt record only while no attempt with its key exists (a repeated invocation is harmless).
     */
    public AttemptStart startAttempt(Run run, Attempt started) {
        BigDecimal reserve = started.reservedCost();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":reserve", number(reserve));
        values.put(":one", AttributeValue.fromN("1"));
        values.put(":running", AttributeValue.fromS(RunStatus.RUNNING.name()));
        StringBuilder condition = new StringBuilder("#status = :running");
        if (run.budget().maxCost() != null) {
            // A reservation larger than the whole budget gives a negative limit that no committed cost meets: the
            // condition fails like any other refusal, so a finished run or an existing attempt is still told apart.
            BigDecimal limit = run.budget().maxCost().subtract(reserve);
            values.put(":costLimit", number(limit));
            condition.append(" AND ").append(RunEntity.COMMITTED_COST).append(" <= :costLimit");
        }
        if (run.budget().maxAttempts() != null) {
            values.put(":maxAttempts", AttributeValue.fromN(run.budget().maxAttempts().toString()));
            condition.append(" AND ").append(RunEntity.ATTEMPTS_STARTED).append(" < :maxAttempts");
        }
        TransactWriteItem reserveBudget = TransactWriteItem.builder().update(Update.builder()
                .tableName(tableName)
                .key(metaKeyMap(run.id()))
                .updateExpression("ADD " + RunEntity.COMMITTED_COST + " :reserve, " + RunEntity.ATTEMPTS_STARTED + " :one")
                .conditionExpression(condition.toString())
                .expressionAttributeNames(Map.of("#status", RunEntity.STATUS))
                .expressionAttributeValues(values)
                .build()).build();
        TransactWriteItem recordAttempt = TransactWriteItem.builder().put(Put.builder()
                .tableName(tableName)
                .item(AttemptEntity.SCHEMA.itemToMap(AttemptEntity.of(started, expiry(run)), true))
                .conditionExpression("attribute_not_exists(pk)")
                .build()).build();
        try {
            transact(List.of(reserveBudget, recordAttempt));
            return AttemptStart.STARTED;
        } catch (TransactionCanceledException e) {
            if (failed(e, 1)) {
                return AttemptStart.ALREADY_STARTED;
            }
            if (failed(e, 0)) {
                return findRun(run.id()).filter(current -> current.status() == RunStatus.RUNNING).isPresent()
                        ? AttemptStart.BUDGET_REFUSED : AttemptStart.RUN_NOT_RUNNING;
            }
            throw e;
        }
    }

    /**
     * Records a started attempt's outcome and settles its cost: the reservation is replaced by the actual cost.
     * Returns false, changing nothing, when the attempt was already completed (a repeated invocation).
     */
    public boolean completeAttempt(Run run, Attempt completed) {
        if (completed.state() != AttemptState.COMPLETED) {
            throw new IllegalArgumentException("only a completed attempt can be recorded as such");
        }
        TransactWriteItem recordOutcome = TransactWriteItem.builder().put(Put.builder()
                .tableName(tableName)
                .item(AttemptEntity.SCHEMA.itemToMap(AttemptEntity.of(completed, expiry(run)), true))
                .conditionExpression("#state = :started")
                .expressionAttributeNames(Map.of("#state", AttemptEntity.STATE))
                .expressionAttributeValues(Map.of(":started", AttributeValue.fromS(AttemptState.STARTED.name())))
                .build()).build();
        TransactWriteItem settle = TransactWriteItem.builder().update(Update.builder()
                .tableName(tableName)
                .key(metaKeyMap(completed.runId()))
                .updateExpression("ADD " + RunEntity.COMMITTED_COST + " :delta, " + RunEntity.SPENT_COST + " :cost")
                .expressionAttributeValues(Map.of(
                        ":delta", number(completed.cost().subtract(completed.reservedCost())),
                        ":cost", number(completed.cost())))
                .build()).build();
        try {
            transact(List.of(recordOutcome, settle));
            return true;
        } catch (TransactionCanceledException e) {
            if (failed(e, 0)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Records decisions: each sets the decision on its attempt (only if none is set yet) and the item's new state
     * (only while the item is open), atomically per item.
     */
    public void recordDecisions(Run run, List<DecisionRecord> decisions) {
        for (int from = 0; from < decisions.size(); from += DECISIONS_PER_TRANSACTION) {
            List<DecisionRecord> chunk = decisions.subList(from, Math.min(from + DECISIONS_PER_TRANSACTION, decisions.size()));
            List<TransactWriteItem> writes = new ArrayList<>();
            chunk.forEach(decision -> writes.addAll(decisionWrites(run, decision)));
            try {
                transact(writes);
            } catch (TransactionCanceledException e) {
                if (!anyConditionFailed(e)) {
                    throw e;
                }
                // Some item was decided by a concurrent invocation: write the others one by one.
                for (DecisionRecord decision : chunk) {
                    try {
                        transact(decisionWrites(run, decision));
                    } catch (TransactionCanceledException alreadyDecided) {
                        if (!anyConditionFailed(alreadyDecided)) {
                            throw alreadyDecided;
                        }
                        LOG.debugf("Attempt %s of item %s in run %s was already decided", decision.attempt().seq(),
                                decision.attempt().itemId(), run.id());
                    }
                }
            }
        }
    }

    private List<TransactWriteItem> decisionWrites(Run run, DecisionRecord decision) {
        Attempt attempt = decision.attempt();
        TransactWriteItem onAttempt = TransactWriteItem.builder().update(Update.builder()
                .tableName(tableName)
                .key(Map.of(Keys.PK, AttributeValue.fromS(Keys.run(attempt.runId())),
                        Keys.SK, AttributeValue.fromS(Keys.attempt(attempt.itemId(), attempt.seq()))))
                .updateExpression("SET " + AttemptEntity.DECISION_ACTION + " = :action, " + AttemptEntity.DECISION_RULE
                        + " = :rule, " + AttemptEntity.DECISION_REASON + " = :reason")
                .conditionExpression("attribute_exists(pk) AND attribute_not_exists(" + AttemptEntity.DECISION_ACTION + ")")
                .expressionAttributeValues(Map.of(
                        ":action", AttributeValue.fromS(attempt.decision().action().name()),
                        ":rule", AttributeValue.fromS(attempt.decision().rule()),
                        ":reason", AttributeValue.fromS(attempt.decision().reason())))
                .build()).build();
        return List.of(onAttempt, itemWhileOpen(run, decision.item()));
    }

    /** Closes or moves an item outside a decision (e.g. its attempt did not fit the budget); false if it was not open. */
    public boolean updateOpenItem(Run run, Item item) {
        try {
            transact(List.of(itemWhileOpen(run, item)));
            return true;
        } catch (TransactionCanceledException e) {
            if (!anyConditionFailed(e)) {
                throw e;
            }
            return false;
        }
    }

    private TransactWriteItem itemWhileOpen(Run run, Item item) {
        return itemWhileIn(run, item, ItemStatus.OPEN);
    }

    private TransactWriteItem itemWhileIn(Run run, Item item, ItemStatus current) {
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(tableName)
                .item(ItemEntity.SCHEMA.itemToMap(ItemEntity.of(item, expiry(run)), true))
                .conditionExpression("#status = :current")
                .expressionAttributeNames(Map.of("#status", ItemEntity.STATUS))
                .expressionAttributeValues(Map.of(":current", AttributeValue.fromS(current.name())))
                .build()).build();
    }

    /**
     * Ends a run that is running or waiting for approval, with its totals; false, changing nothing, when it had
     * already ended.
     */
    public boolean finishRun(String runId, RunStatus status, String reason, RunTotals totals, Instant finishedAt) {
        Map<String, AttributeValue> set = totalsAttributes(totals);
        set.put("statusReason", AttributeValue.fromS(reason));
        set.put("finishedAt", AttributeValue.fromS(finishedAt.toString()));
        // A run that needs a person again (after a retry) waits for a new decision, not the one that retried it.
        Set<String> remove = status == RunStatus.NEEDS_HUMAN ? RESOLUTION_ATTRIBUTES : Set.of();
        return transition(runId, Set.of(RunStatus.RUNNING, RunStatus.AWAITING_APPROVAL), status, set, remove);
    }

    /** Stores the totals of a run that ended without them (e.g. cancelled by a person). */
    public void saveTotals(String runId, RunTotals totals) {
        Map<String, AttributeValue> set = totalsAttributes(totals);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String update = setClause(set, names, values);
        client.updateItem(b -> b.tableName(tableName).key(metaKeyMap(runId)).updateExpression(update)
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }

    /** A running run starts waiting for approval until the deadline; false when it was not running. */
    /**
     * A running run starts waiting for approval of what is pending, until the deadline; the decision of any earlier
     * wait is cleared. False when the run was not running.
     */
    public boolean awaitApproval(String runId, Instant deadline, PendingApproval pending) {
        Map<String, AttributeValue> set = new HashMap<>();
        set.put(RunEntity.APPROVAL_DEADLINE, AttributeValue.fromS(deadline.toString()));
        set.put(RunEntity.PENDING_APPROVAL, AttributeValue.fromS(Json.write(pending)));
        return transition(runId, Set.of(RunStatus.RUNNING), RunStatus.AWAITING_APPROVAL, set,
                Set.of(RunEntity.APPROVED, RunEntity.APPROVAL_COMMENT, RunEntity.APPROVAL_DECIDED_AT,
                        CallbackKind.APPROVAL.attribute()));
    }

    /**
     * Records a person's approval decision on a run waiting for one. Approved, it runs on, and what it waited for
     * becomes its new approval line; rejected, it is cancelled with the reason. False, changing nothing, when the run
     * was not waiting for approval.
     */
    public boolean decideApproval(String runId, boolean approved, String comment, String rejectionReason, Instant at) {
        Map<String, AttributeValue> set = new HashMap<>();
        set.put(RunEntity.APPROVED, AttributeValue.fromBool(approved));
        set.put(RunEntity.APPROVAL_DECIDED_AT, AttributeValue.fromS(at.toString()));
        if (comment != null) {
            set.put(RunEntity.APPROVAL_COMMENT, AttributeValue.fromS(comment));
        }
        if (!approved) {
            set.put("statusReason", AttributeValue.fromS(rejectionReason));
            set.put("finishedAt", AttributeValue.fromS(at.toString()));
            return transition(runId, Set.of(RunStatus.AWAITING_APPROVAL), RunStatus.CANCELLED, set, Set.of());
        }
        Run run = findRun(runId).orElseThrow(() -> new RunNotFoundException(runId));
        if (run.approval().pending() != null) {
            set.put(RunEntity.APPROVED_UP_TO, number(run.approval().pending().projectedTotal()));
        }
        return transition(runId, Set.of(RunStatus.AWAITING_APPROVAL), RunStatus.RUNNING, set,
                Set.of(RunEntity.PENDING_APPROVAL));
    }

    /**
     * Records a person's resolution of a run that needs one. A retry reopens the given items on the top tier and the
     * run runs on; an abort cancels the run; accepting the partial result leaves it as it is, resolved. False,
     * changing nothing, when the run did not need a person.
     */
    public boolean resolve(Run run, Resolution resolution, List<Item> reopened) {
        Map<String, AttributeValue> set = new HashMap<>();
        set.put(RunEntity.RESOLUTION_ACTION, AttributeValue.fromS(resolution.action().name()));
        set.put(RunEntity.RESOLVED_AT, AttributeValue.fromS(resolution.at().toString()));
        if (resolution.comment() != null) {
            set.put(RunEntity.RESOLUTION_COMMENT, AttributeValue.fromS(resolution.comment()));
        }
        // Only the first resolution of a wait wins, whatever arrives at the same time.
        String unresolved = "attribute_not_exists(" + RunEntity.RESOLUTION_ACTION + ")";
        return switch (resolution.action()) {
            case ACCEPT_PARTIAL -> {
                set.put("statusReason", AttributeValue.fromS(run.statusReason() + "; the partial result was accepted"
                        + (resolution.comment() == null ? "" : ": " + resolution.comment())));
                yield transition(run.id(), Set.of(RunStatus.NEEDS_HUMAN), RunStatus.NEEDS_HUMAN, set, Set.of(), unresolved);
            }
            case ABORT -> {
                set.put("statusReason", AttributeValue.fromS("aborted by a person"
                        + (resolution.comment() == null ? "" : ": " + resolution.comment())));
                yield transition(run.id(), Set.of(RunStatus.NEEDS_HUMAN), RunStatus.CANCELLED, set, Set.of(), unresolved);
            }
            case RETRY_TOP_TIER -> {
                // The run first (the resolution that wins), then its items: the orchestrator is told only after both.
                // Should the items not all reopen (a crash in between), Decide finds fewer open items and the run
                // ends needing a person again: nothing is lost.
                boolean won = transition(run.id(), Set.of(RunStatus.NEEDS_HUMAN), RunStatus.RUNNING, set,
                        Set.of("finishedAt"), unresolved);
                if (won) {
                    reopened.forEach(item -> updateItemIn(run, item, ItemStatus.NEEDS_HUMAN));
                }
                yield won;
            }
        };
    }

    private void updateItemIn(Run run, Item item, ItemStatus current) {
        try {
            client.transactWriteItems(b -> b.transactItems(itemWhileIn(run, item, current)));
        } catch (TransactionCanceledException notInThatStatus) {
            LOG.debugf("Item %s of run %s was not %s", item.id(), run.id(), current);
        }
    }

    /**
     * Keeps the task token of a Step Functions callback the run waits on. Tokens are stored on the run record but
     * outside its mapped attributes, so they never reach a view of the run.
     */
    public void saveCallbackToken(String runId, CallbackKind kind, String token) {
        client.updateItem(b -> b.tableName(tableName).key(metaKeyMap(runId))
                .updateExpression("SET #token = :token")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#token", kind.attribute()))
                .expressionAttributeValues(Map.of(":token", AttributeValue.fromS(token))));
    }

    public Optional<String> callbackToken(String runId, CallbackKind kind) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName).key(metaKeyMap(runId))
                .consistentRead(true).projectionExpression("#token")
                .expressionAttributeNames(Map.of("#token", kind.attribute()))).item();
        return Optional.ofNullable(item).map(found -> found.get(kind.attribute())).map(AttributeValue::s);
    }

    private boolean transition(String runId, Set<RunStatus> from, RunStatus to, Map<String, AttributeValue> set) {
        return transition(runId, from, to, set, Set.of());
    }

    /**
     * Sets a run's status (and its status index key) with more attributes, removing others, only from one of the
     * given statuses.
     */
    private boolean transition(String runId, Set<RunStatus> from, RunStatus to, Map<String, AttributeValue> set,
                               Set<String> remove) {
        return transition(runId, from, to, set, remove, null);
    }

    /** As above, with one more condition (an expression over the run's attributes). */
    private boolean transition(String runId, Set<RunStatus> from, RunStatus to, Map<String, AttributeValue> set,
                               Set<String> remove, String alsoRequired) {
        set.put(Keys.GSI2_PK, AttributeValue.fromS(Keys.status(to.name())));
        Map<String, String> names = new HashMap<>(Map.of("#status", RunEntity.STATUS));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", AttributeValue.fromS(to.name())));
        StringBuilder removal = new StringBuilder();
        for (String attribute : remove) {
            String alias = "#r" + names.size();
            names.put(alias, attribute);
            removal.append(removal.isEmpty() ? " REMOVE " : ", ").append(alias);
        }
        String update = "SET #status = :to, " + setClause(set, names, values).substring("SET ".length()) + removal;
        List<String> allowed = new ArrayList<>();
        for (RunStatus status : from) {
            allowed.add(":from" + allowed.size());
            values.put(allowed.getLast(), AttributeValue.fromS(status.name()));
        }
        try {
            client.updateItem(b -> b.tableName(tableName).key(metaKeyMap(runId))
                    .updateExpression(update)
                    .conditionExpression("#status IN (" + String.join(", ", allowed) + ")"
                            + (alsoRequired == null ? "" : " AND " + alsoRequired))
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException notInThoseStatuses) {
            return false;
        }
    }

    /** {@code SET #a0 = :a0, #a1 = :a1, ...} for the attributes, filling in their names and values. */
    private static String setClause(Map<String, AttributeValue> set, Map<String, String> names,
                                    Map<String, AttributeValue> values) {
        List<String> assignments = new ArrayList<>();
        for (Map.Entry<String, AttributeValue> attribute : set.entrySet()) {
            String alias = "a" + assignments.size();
            names.put("#" + alias, attribute.getKey());
            values.put(":" + alias, attribute.getValue());
            assignments.add("#" + alias + " = :" + alias);
        }
        return "SET " + String.join(", ", assignments);
    }

    private static Map<String, AttributeValue> totalsAttributes(RunTotals totals) {
        Map<String, AttributeValue> set = new HashMap<>();
        set.put("totalCost", number(totals.totalCost()));
        set.put("allTopTierCost", number(totals.allTopTierCost()));
        if (totals.savingsPercent() != null) {
            set.put("savingsPercent", AttributeValue.fromN(Double.toString(totals.savingsPercent())));
        }
        return set;
    }

    private Instant expiry(Run run) {
        return run.createdAt().plus(retention);
    }

    private void transact(List<TransactWriteItem> writes) {
        Transactions.write(client, writes);
    }

    private static boolean anyConditionFailed(TransactionCanceledException e) {
        return Transactions.anyConditionFailed(e);
    }

    private static boolean failed(TransactionCanceledException e, int action) {
        return Transactions.conditionFailed(e, action);
    }

    private static Key metaKey(String runId) {
        return Key.builder().partitionValue(Keys.run(runId)).sortValue(Keys.META).build();
    }

    private static Map<String, AttributeValue> metaKeyMap(String runId) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.run(runId)), Keys.SK, AttributeValue.fromS(Keys.META));
    }

    private static AttributeValue number(BigDecimal value) {
        return AttributeValue.fromN(value.toPlainString());
    }

}
