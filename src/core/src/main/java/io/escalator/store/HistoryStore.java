package io.escalator.store;

import io.escalator.analytics.DailyFigures;
import io.escalator.analytics.RunRollup;
import io.escalator.config.EscalatorConfig;
import io.escalator.cost.TierHistory;
import io.escalator.support.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * What finished runs did, kept after the runs themselves are deleted:
 * <pre>
 * STATS#workflow#ladderFingerprint / TIER#000     per tier of a ladder: the estimator's and pattern learning's history
 * AGG#workflow / DAY#2026-11-20#3                 per day (and shard), per tier by name: analytics
 * </pre>
 * A run adds to both when it finishes, in one transaction with a version on its own record that says what it has
 * added so far: repeating it adds nothing, and finishing again (after a person's decision) adds only the difference.
 * The day records are spread over {@value #SHARDS} shards, so that runs finishing at the same moment seldom write the
 * same record; a period of analytics is one Query over a few records per day, however many calls were made.
 */
@ApplicationScoped
public class HistoryStore {

    static final int SHARDS = 8;
    static final String ROLLUP = "rollupJson";
    static final String ROLLUP_VERSION = "rollupVersion";
    private static final String DAY_PREFIX = "DAY#";
    private static final String TIER_PREFIX = "tier:";
    private static final int CONDITION_TRIES = 5;

    private final DynamoDbClient client;
    private final String tableName;

    @Inject
    public HistoryStore(DynamoDbClient client, EscalatorConfig config) {
        this(client, config.dynamodb().table());
    }

    public HistoryStore(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    /**
     * Adds what a run's figures changed since it was last rolled up.
     *
     * @return false when there was nothing to add (rolled up already as it is)
     * @throws RunNotFoundException when the run is gone
     */
    public boolean rollUp(String runId, String ladderFingerprint, RunRollup rollup) {
        for (int tryNumber = 1; ; tryNumber++) {
            Map<String, AttributeValue> meta = client.getItem(b -> b.tableName(tableName).key(metaKey(runId))
                    .consistentRead(true).projectionExpression(Keys.PK + ", " + ROLLUP + ", " + ROLLUP_VERSION)).item();
            if (meta == null || meta.isEmpty()) {
                throw new RunNotFoundException(runId);
            }
            RunRollup previous = meta.containsKey(ROLLUP) ? Json.read(meta.get(ROLLUP).s(), RunRollup.class) : null;
            RunRollup delta = rollup.minus(previous);
            if (previous != null && delta.isEmpty()) {
                return false;
            }
            long version = TierFigureAttributes.count(meta, ROLLUP_VERSION);
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(markRolledUp(runId, rollup, previous == null ? null : version));
            writes.add(addToDay(runId, delta));
            delta.tiers().forEach(tier -> writes.add(addToLadderHistory(rollup.workflow(), ladderFingerprint, tier)));
            try {
                Transactions.write(client, writes);
                return true;
            } catch (TransactionCanceledException e) {
                if (!Transactions.conditionFailed(e, 0) || tryNumber >= CONDITION_TRIES) {
                    throw e;
                }
                // another invocation rolled the run up meanwhile: read what it added, and add only what is left
            }
        }
    }

    private TransactWriteItem markRolledUp(String runId, RunRollup rollup, Long currentVersion) {
        Update.Builder update = Update.builder().tableName(tableName).key(metaKey(runId))
                .updateExpression("SET #rollup = :rollup, #version = :next")
                .expressionAttributeNames(Map.of("#rollup", ROLLUP, "#version", ROLLUP_VERSION));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":rollup", AttributeValue.fromS(Json.write(rollup)),
                ":next", AttributeValue.fromN(Long.toString(currentVersion == null ? 1 : currentVersion + 1))));
        if (currentVersion == null) {
            update.conditionExpression("attribute_exists(pk) AND attribute_not_exists(#version)");
        } else {
            update.conditionExpression("#version = :current");
            values.put(":current", AttributeValue.fromN(Long.toString(currentVersion)));
        }
        return TransactWriteItem.builder().update(update.expressionAttributeValues(values).build()).build();
    }

    private TransactWriteItem addToDay(String runId, RunRollup delta) {
        Map<String, AttributeValue> add = new LinkedHashMap<>();
        TierFigureAttributes.count(add, "runs", delta.runs());
        TierFigureAttributes.count(add, "items", delta.items());
        TierFigureAttributes.count(add, "resolvedItems", delta.resolvedItems());
        TierFigureAttributes.amount(add, "cost", delta.cost());
        TierFigureAttributes.amount(add, "allTopTierCost", delta.allTopTierCost());
        Map<String, AttributeValue> set = new LinkedHashMap<>();
        set.put("day", AttributeValue.fromS(delta.day().toString()));
        for (TierHistory tier : delta.tiers()) {
            String prefix = TIER_PREFIX + tier.tierName() + ":";
            add.putAll(TierFigureAttributes.additions(prefix, tier));
            set.putAll(TierFigureAttributes.labels(prefix, tier));
        }
        String shard = Integer.toString(Math.floorMod(runId.hashCode(), SHARDS));
        return TransactWriteItem.builder().update(addAndSet(dayKey(delta.workflow(), delta.day(), shard), add, set)).build();
    }

    private TransactWriteItem addToLadderHistory(String workflow, String ladderFingerprint, TierHistory tier) {
        return TransactWriteItem.builder().update(addAndSet(ladderKey(workflow, ladderFingerprint, tier.tierIndex()),
                TierFigureAttributes.additions("", tier), TierFigureAttributes.labels("", tier))).build();
    }

    /** Adds figures to a workflow's history on a ladder directly (seeding it, e.g. from an import). */
    public void addTierHistory(String workflow, String ladderFingerprint, List<TierHistory> tiers) {
        for (TierHistory tier : tiers) {
            Update update = addAndSet(ladderKey(workflow, ladderFingerprint, tier.tierIndex()),
                    TierFigureAttributes.additions("", tier), TierFigureAttributes.labels("", tier));
            client.updateItem(b -> b.tableName(tableName).key(update.key()).updateExpression(update.updateExpression())
                    .expressionAttributeNames(update.expressionAttributeNames())
                    .expressionAttributeValues(update.expressionAttributeValues()));
        }
    }

    /** A workflow's history on a ladder, per tier index (tiers never reached are absent). One Query. */
    public Map<Integer, TierHistory> tierHistory(String workflow, String ladderFingerprint) {
        Map<Integer, TierHistory> history = new TreeMap<>();
        QueryRequest query = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.workflowStats(workflow, ladderFingerprint))))
                .build();
        for (Map<String, AttributeValue> record : client.queryPaginator(query).items()) {
            int index = Integer.parseInt(record.get(Keys.SK).s().substring("TIER#".length()));
            history.put(index, TierFigureAttributes.read("", record, index));
        }
        return history;
    }

    /** A workflow's figures per day from {@code since} to {@code until}, both included, oldest first. */
    public List<DailyFigures> daily(String workflow, LocalDate since, LocalDate until) {
        QueryRequest query = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(dayPartition(workflow)),
                        ":from", AttributeValue.fromS(DAY_PREFIX + since),
                        ":to", AttributeValue.fromS(DAY_PREFIX + until + "#~")))
                .build();
        Map<LocalDate, List<Map<String, AttributeValue>>> shardsByDay = new TreeMap<>();
        for (Map<String, AttributeValue> record : client.queryPaginator(query).items()) {
            shardsByDay.computeIfAbsent(LocalDate.parse(record.get("day").s()), day -> new ArrayList<>()).add(record);
        }
        return shardsByDay.entrySet().stream().map(day -> dayFigures(workflow, day.getKey(), day.getValue())).toList();
    }

    private static DailyFigures dayFigures(String workflow, LocalDate day, List<Map<String, AttributeValue>> shards) {
        long runs = 0;
        long items = 0;
        long resolved = 0;
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal allTop = BigDecimal.ZERO;
        Map<String, TierHistory> tiers = new TreeMap<>();
        for (Map<String, AttributeValue> shard : shards) {
            runs += TierFigureAttributes.count(shard, "runs");
            items += TierFigureAttributes.count(shard, "items");
            resolved += TierFigureAttributes.count(shard, "resolvedItems");
            cost = cost.add(TierFigureAttributes.amount(shard, "cost"));
            allTop = allTop.add(TierFigureAttributes.amount(shard, "allTopTierCost"));
            for (String name : tierNames(shard)) {
                TierHistory figures = TierFigureAttributes.read(TIER_PREFIX + name + ":", shard, 0);
                tiers.merge(name, figures, TierHistory::plus);
            }
        }
        return new DailyFigures(workflow, day, runs, items, resolved, cost, allTop, List.copyOf(tiers.values()));
    }

    private static List<String> tierNames(Map<String, AttributeValue> record) {
        return record.keySet().stream()
                .filter(name -> name.startsWith(TIER_PREFIX))
                .map(name -> name.substring(TIER_PREFIX.length(), name.indexOf(':', TIER_PREFIX.length())))
                .distinct()
                .toList();
    }

    private Update addAndSet(Map<String, AttributeValue> key, Map<String, AttributeValue> add,
                             Map<String, AttributeValue> set) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> adds = new ArrayList<>();
        set.forEach((name, value) -> sets.add(placeholder(names, values, name, value, " = ")));
        add.forEach((name, value) -> adds.add(placeholder(names, values, name, value, " ")));
        String expression = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets) + " ")
                + (adds.isEmpty() ? "" : "ADD " + String.join(", ", adds));
        return Update.builder().tableName(tableName).key(key).updateExpression(expression.strip())
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    private static String placeholder(Map<String, String> names, Map<String, AttributeValue> values, String name,
                                      AttributeValue value, String operator) {
        String id = Integer.toString(names.size());
        names.put("#n" + id, name);
        values.put(":v" + id, value);
        return "#n" + id + operator + ":v" + id;
    }

    private static Map<String, AttributeValue> metaKey(String runId) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.run(runId)), Keys.SK, AttributeValue.fromS(Keys.META));
    }

    private static Map<String, AttributeValue> ladderKey(String workflow, String ladderFingerprint, int tierIndex) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.workflowStats(workflow, ladderFingerprint)),
                Keys.SK, AttributeValue.fromS(Keys.tier(tierIndex)));
    }

    private static String dayPartition(String workflow) {
        return "AGG#" + workflow;
    }

    private static Map<String, AttributeValue> dayKey(String workflow, LocalDate day, String shard) {
        return Map.of(Keys.PK, AttributeValue.fromS(dayPartition(workflow)),
                Keys.SK, AttributeValue.fromS(DAY_PREFIX + day + "#" + shard));
    }
}
