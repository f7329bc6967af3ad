package io.escalator.store;

import static io.escalator.testkit.StoreRecords.completed;
import static io.escalator.testkit.StoreRecords.item;
import static io.escalator.testkit.StoreRecords.openItem;
import static io.escalator.testkit.StoreRecords.run;
import static io.escalator.testkit.StoreRecords.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.policy.Action;
import io.escalator.policy.BudgetLimits;
import io.escalator.run.Attempt;
import io.escalator.run.AttemptDecision;
import io.escalator.run.Item;
import io.escalator.run.ItemStatus;
import io.escalator.run.Run;
import io.escalator.run.RunSnapshot;
import io.escalator.run.RunStatus;
import io.escalator.run.RunTotals;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.validation.FieldError;
import io.escalator.validation.InvalidRequestException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

@ExtendWith(DynamoDbLocalExtension.class)
class RunStoreTest {

    private static final Instant T0 = Instant.parse("2100-03-01T10:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final BudgetLimits NO_LIMITS = BudgetLimits.NONE;

    private DynamoDbClient client;
    private String table;
    private RunStore store;

    @BeforeEach
    void createTable(DynamoDbLocal dynamoDb) {
        client = dynamoDb.client();
        table = dynamoDb.uniqueTableName("runs");
        EscalatorTable.createIfMissing(client, table);
        store = new RunStore(client, table, RETENTION);
    }

    @Test
    void aStoredRunLoadsBackWithEveryFieldOfTheRunItsItemsAndItsAttempts() {
        BudgetLimits budget = new BudgetLimits(new BigDecimal("1.25"), Duration.ofSeconds(600), 10);
        Run created = new Run("run-1", "prompt", "Answer with a number.", RunStatus.RUNNING, "just started",
                "[{\"type\":\"contains\",\"value\":\"42\"}]", "{}", budget, BigDecimal.ZERO, BigDecimal.ZERO, 0,
                "{\"tiers\":[{\"name\":\"cheap\"}]}", "fingerprint-1", "{\"total\":0.5}", T0, null, null, null, null,
                "user-hash-1", "owner-hash-1");
        Item open = openItem("run-1", "a");
        Item closed = item("run-1", "b", ItemStatus.SUCCEEDED);
        store.createRun(created, List.of(open, closed));

        Attempt start = started("run-1", "a", 1, new BigDecimal("0.0125"), T0.plusMillis(1500));
        assertThat(store.startAttempt(created, start)).isEqualTo(AttemptStart.STARTED);
        Attempt done = completed(start, new BigDecimal("0.00045"), T0.plusNanos(2_123_456_789L));
        assertThat(store.completeAttempt(created, done)).isTrue();
        AttemptDecision decision = new AttemptDecision(Action.RETRY, "min-attempts", "CQS 36.4 is under 80; attempt 1 of at least 2");
        Item moved = new Item("run-1", "a", open.input(), ItemStatus.OPEN, 0, "min-attempts", decision.reason(), null);
        store.recordDecisions(created, List.of(new DecisionRecord(done.withDecision(decision), moved)));

        RunSnapshot loaded = store.load("run-1");

        assertThat(loaded.run()).isEqualTo(new Run("run-1", "prompt", "Answer with a number.", RunStatus.RUNNING,
                "just started", created.gatesJson(), "{}", budget, new BigDecimal("0.00045"), new BigDecimal("0.00045"), 1,
                created.ladderJson(), "fingerprint-1", "{\"total\":0.5}", T0, null, null, null, null, "user-hash-1",
                "owner-hash-1"));
        assertThat(loaded.items()).containsExactly(moved, closed);
        assertThat(loaded.attempts()).containsExactly(done.withDecision(decision));
        Attempt attempt = loaded.attempts().getFirst();
        assertThat(attempt.cost()).isEqualTo(new BigDecimal("0.00045"));
        assertThat(attempt.reservedCost()).isEqualTo(new BigDecimal("0.0125"));
        assertThat(attempt.calls().get(1).cost()).isEqualTo(new BigDecimal("0.00045"));
        assertThat(attempt.gates().get(1).syntaxErrors()).isEqualTo(1);
        assertThat(attempt.signals().confidence()).isEqualTo(0.75);
        assertThat(store.findRun("run-1")).contains(loaded.run());
    }

    @Test
    void everyRecordOfARunExpiresTheRetentionAfterTheRunWasCreated() {
        Run created = run("run-ttl", T0, NO_LIMITS);
        store.createRun(created, List.of(openItem("run-ttl", "a")));
        store.startAttempt(created, started("run-ttl", "a", 1, BigDecimal.ONE, T0.plusSeconds(3)));

        List<Map<String, AttributeValue>> records = client.scan(scan -> scan.tableName(table)).items();

        assertThat(records).hasSize(3).allSatisfy(record -> assertThat(record.get(Keys.EXPIRES_AT).n())
                .isEqualTo(Long.toString(T0.plus(RETENTION).getEpochSecond())));
    }

    @Test
    void aFinishedRunLoadsBackWithItsStatusReasonTimeAndExactTotals() {
        store.createRun(run("run-1", T0, NO_LIMITS), List.of());
        store.createRun(run("run-2", T0.plusSeconds(1), NO_LIMITS), List.of());
        RunTotals totals = new RunTotals(new BigDecimal("0.0129"), new BigDecimal("0.0525"), 75.4);
        RunTotals freeTop = new RunTotals(new BigDecimal("0.0009"), BigDecimal.ZERO, null);

        assertThat(store.finishRun("run-1", RunStatus.NEEDS_HUMAN, "1 of 1 items needs human", totals, T0.plusSeconds(90))).isTrue();
        assertThat(store.finishRun("run-2", RunStatus.SUCCEEDED, "1 of 1 items succeeded", freeTop, T0.plusSeconds(91))).isTrue();

        Run first = store.findRun("run-1").orElseThrow();
        assertThat(first.status()).isEqualTo(RunStatus.NEEDS_HUMAN);
        assertThat(first.statusReason()).isEqualTo("1 of 1 items needs human");
        assertThat(first.finishedAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(first.totals()).isEqualTo(totals);
        assertThat(store.findRun("run-2").orElseThrow().totals()).isEqualTo(freeTop);
    }

    @Test
    void aRunIsInvisibleUntilItsRunRecordIsWritten() {
        Run run = run("half-written", T0, NO_LIMITS);
        List<Item> items = IntStream.range(0, 30).mapToObj(i -> openItem("half-written", "item-" + i)).toList();
        RunStore crashingBeforeTheRunRecord = new RunStore(failingPutsOfRunRecords(client), table, RETENTION);

        assertThatThrownBy(() -> crashingBeforeTheRunRecord.createRun(run, items))
                .hasMessageContaining("crashed before the run record");

        assertThat(client.scan(scan -> scan.tableName(table)).count()).as("the items were written").isEqualTo(30);
        assertThat(store.findRun("half-written")).isEmpty();
        assertThatThrownBy(() -> store.load("half-written")).isInstanceOf(RunNotFoundException.class);
        assertThat(store.listRuns(10, null).runs()).isEmpty();
        assertThat(store.runsWithStatus(RunStatus.RUNNING)).isEmpty();

        store.createRun(run, items);

        assertThat(store.findRun("half-written")).isPresent();
        assertThat(store.load("half-written").items()).hasSize(30);
        assertThat(store.listRuns(10, null).runs()).extracting(Run::id).containsExactly("half-written");
        assertThat(store.runsWithStatus(RunStatus.RUNNING)).extracting(Run::id).containsExactly("half-written");
    }

    @Test
    void aRunIdCanOnlyBeCreatedOnce() {
        store.createRun(run("run-1", T0, NO_LIMITS), List.of());

        assertThatThrownBy(() -> store.createRun(run("run-1", T0.plusSeconds(1), NO_LIMITS), List.of()))
                .hasMessageContaining("conditional request failed");
        assertThat(store.findRun("run-1").orElseThrow().createdAt()).isEqualTo(T0);
    }

    @Test
    void runsAreListedNewestFirstPageByPageWithACursor() {
        List<Instant> times = List.of(T0.plusSeconds(3), T0, T0.plusSeconds(4), T0.plusSeconds(1), T0.plusSeconds(2));
        for (int i = 0; i < times.size(); i++) {
            store.createRun(run("run-at-" + times.get(i).getEpochSecond(), times.get(i), NO_LIMITS), List.of());
        }

        RunPage first = store.listRuns(2, null);
        RunPage second = store.listRuns(2, first.nextCursor());
        RunPage third = store.listRuns(2, second.nextCursor());

        assertThat(first.runs()).extracting(Run::createdAt).containsExactly(T0.plusSeconds(4), T0.plusSeconds(3));
        assertThat(second.runs()).extracting(Run::createdAt).containsExactly(T0.plusSeconds(2), T0.plusSeconds(1));
        assertThat(third.runs()).extracting(Run::createdAt).containsExactly(T0);
        assertThat(first.nextCursor()).isNotNull();
        assertThat(second.nextCursor()).isNotNull();
        assertThat(third.nextCursor()).isNull();
        assertThat(store.listRuns(100, null).runs()).hasSize(5);
    }

    @Test
    void runsCreatedWithinOneSecondAreListedNewestFirst() {
        // Instant.toString() leaves out a zero fraction: "10:00:00Z" would sort after "10:00:00.500Z".
        store.createRun(run("on-the-second", T0, NO_LIMITS), List.of());
        store.createRun(run("half-a-second-later", T0.plusMillis(500), NO_LIMITS), List.of());
        store.createRun(run("a-second-later", T0.plusSeconds(1), NO_LIMITS), List.of());
        store.createRun(run("just-before", T0.minusMillis(1), NO_LIMITS), List.of());

        assertThat(store.listRuns(10, null).runs()).extracting(Run::id)
                .containsExactly("a-second-later", "half-a-second-later", "on-the-second", "just-before");
        assertThat(store.runsWithStatus(RunStatus.RUNNING)).extracting(Run::id)
                .containsExactlyInAnyOrder("a-second-later", "half-a-second-later", "on-the-second", "just-before");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "garbage!",
            "bm90IGpzb24",                                   // "not json"
            "e30",                                           // {}
            "eyJwayI6IlJVTiN4In0",                           // {"pk":"RUN#x"}: a key, but not one of this index
            "eyJmb28iOiJiYXIifQ",                            // {"foo":"bar"}
            "eyJwayI6MX0"                                    // {"pk":1}
    })
    void aCursorThisApiDidNotReturnIsAnInvalidRequestOnTheCursorField(String cursor) {
        store.createRun(run("run-1", T0, NO_LIMITS), List.of());

        assertThatThrownBy(() -> store.listRuns(2, cursor))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("cursor"));
    }

    @Test
    void aCursorOfAnotherRunsKeyShapeIsAnInvalidRequest() {
        store.createRun(run("run-1", T0, NO_LIMITS), List.of());
        String otherPartition = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"pk\":\"RUN#run-1\",\"sk\":\"META\",\"gsi1pk\":\"STATUS#RUNNING\",\"gsi1sk\":\"x\"}")
                        .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> store.listRuns(2, otherPartition))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("cursor"));
    }

    @Test
    void runsWithStatusFindsEveryRunInThatStatusOnly() {
        for (int i = 0; i < 4; i++) {
            store.createRun(run("run-" + i, T0.plusSeconds(i), NO_LIMITS), List.of());
        }
        store.finishRun("run-2", RunStatus.NEEDS_HUMAN, "needs a person", zeroTotals(), T0.plusSeconds(60));

        assertThat(store.runsWithStatus(RunStatus.RUNNING)).extracting(Run::id)
                .containsExactlyInAnyOrder("run-0", "run-1", "run-3");
        assertThat(store.runsWithStatus(RunStatus.NEEDS_HUMAN)).extracting(Run::id).containsExactly("run-2");
        assertThat(store.runsWithStatus(RunStatus.SUCCEEDED)).isEmpty();
    }

    @Test
    void startingAnAttemptRecordsItAndReservesItsCostAndOneAttemptOnTheRun() {
        Run run = run("run-1", T0, new BudgetLimits(BigDecimal.ONE, null, 5));
        store.createRun(run, List.of(openItem("run-1", "a")));
        Attempt attempt = started("run-1", "a", 1, new BigDecimal("0.3"), T0);

        assertThat(store.startAttempt(run, attempt)).isEqualTo(AttemptStart.STARTED);

        Run reserved = store.findRun("run-1").orElseThrow();
        assertThat(reserved.committedCost()).isEqualByComparingTo("0.3");
        assertThat(reserved.spentCost()).isEqualByComparingTo("0");
        assertThat(reserved.attemptsStarted()).isEqualTo(1);
        assertThat(store.load("run-1").attempts()).containsExactly(attempt);
    }

    @Test
    void startingTheSameAttemptAgainIsAlreadyStartedAndReservesNothingMore() {
        Run run = run("run-1", T0, new BudgetLimits(BigDecimal.ONE, null, 5));
        store.createRun(run, List.of(openItem("run-1", "a")));
        Attempt attempt = started("run-1", "a", 1, new BigDecimal("0.3"), T0);
        store.startAttempt(run, attempt);

        assertThat(store.startAttempt(run, started("run-1", "a", 1, new BigDecimal("0.4"), T0.plusSeconds(1))))
                .isEqualTo(AttemptStart.ALREADY_STARTED);

        Run after = store.findRun("run-1").orElseThrow();
        assertThat(after.committedCost()).isEqualByComparingTo("0.3");
        assertThat(after.attemptsStarted()).isEqualTo(1);
        assertThat(store.load("run-1").attempts()).containsExactly(attempt);
    }

    @Test
    void aReservationThatWouldPassMaxCostIsRefusedAndRecordsNothing() {
        Run run = run("run-1", T0, new BudgetLimits(new BigDecimal("1.0"), null, null));
        store.createRun(run, List.of(openItem("run-1", "a")));

        assertThat(store.startAttempt(run, started("run-1", "a", 1, new BigDecimal("0.5"), T0))).isEqualTo(AttemptStart.STARTED);
        assertThat(store.startAttempt(run, started("run-1", "a", 2, new BigDecimal("0.5"), T0)))
                .as("committed + reserve = maxCost fits").isEqualTo(AttemptStart.STARTED);
        assertThat(store.startAttempt(run, started("run-1", "a", 3, new BigDecimal("0.00000001"), T0)))
                .isEqualTo(AttemptStart.BUDGET_REFUSED);

        Run after = store.findRun("run-1").orElseThrow();
        assertThat(after.committedCost()).isEqualByComparingTo("1.0");
        assertThat(after.attemptsStarted()).isEqualTo(2);
        assertThat(store.load("run-1").attempts()).extracting(Attempt::seq).containsExactly(1, 2);
    }

    @Test
    void aReservationLargerThanTheWholeBudgetIsRefused() {
        Run run = run("run-1", T0, new BudgetLimits(new BigDecimal("0.01"), null, null));
        store.createRun(run, List.of(openItem("run-1", "a")));

        assertThat(store.startAttempt(run, started("run-1", "a", 1, new BigDecimal("0.011"), T0)))
                .isEqualTo(AttemptStart.BUDGET_REFUSED);

        assertThat(store.findRun("run-1").orElseThrow().attemptsStarted()).isZero();
        assertThat(store.load("run-1").attempts()).isEmpty();
    }

    @Test
    void anAttemptBeyondMaxAttemptsIsRefused() {
        Run run = run("run-1", T0, new BudgetLimits(null, null, 2));
        store.createRun(run, List.of(openItem("run-1", "a"), openItem("run-1", "b")));

        assertThat(store.startAttempt(run, started("run-1", "a", 1, BigDecimal.ONE, T0))).isEqualTo(AttemptStart.STARTED);
        assertThat(store.startAttempt(run, started("run-1", "b", 1, BigDecimal.ONE, T0))).isEqualTo(AttemptStart.STARTED);
        assertThat(store.startAttempt(run, started("run-1", "a", 2, BigDecimal.ONE, T0))).isEqualTo(AttemptStart.BUDGET_REFUSED);

        Run after = store.findRun("run-1").orElseThrow();
        assertThat(after.attemptsStarted()).isEqualTo(2);
        assertThat(after.committedCost()).isEqualByComparingTo("2");
    }

    @Test
    void noAttemptStartsOnAFinishedRun() {
        Run run = run("run-1", T0, new BudgetLimits(new BigDecimal("0.01"), null, null));
        store.createRun(run, List.of(openItem("run-1", "a")));
        store.finishRun("run-1", RunStatus.FAILED, "stopped", zeroTotals(), T0.plusSeconds(1));

        assertThat(store.startAttempt(run, started("run-1", "a", 1, new BigDecimal("0.001"), T0)))
                .isEqualTo(AttemptStart.RUN_NOT_RUNNING);
        assertThat(store.startAttempt(run, started("run-1", "a", 1, new BigDecimal("5"), T0)))
                .as("even one that would not fit the budget either").isEqualTo(AttemptStart.RUN_NOT_RUNNING);
        assertThat(store.findRun("run-1").orElseThrow().attemptsStarted()).isZero();
        assertThat(store.load("run-1").attempts()).isEmpty();
    }

    @Test
    void completingAnAttemptReplacesItsReservationWithItsActualCost() {
        Run run = run("run-1", T0, new BudgetLimits(BigDecimal.ONE, null, null));
        store.createRun(run, List.of(openItem("run-1", "a"), openItem("run-1", "b")));
        Attempt a = started("run-1", "a", 1, new BigDecimal("0.5"), T0);
        Attempt b = started("run-1", "b", 1, new BigDecimal("0.25"), T0);
        store.startAttempt(run, a);
        store.startAttempt(run, b);

        assertThat(store.completeAttempt(run, completed(a, new BigDecimal("0.2"), T0.plusSeconds(1)))).isTrue();

        Run after = store.findRun("run-1").orElseThrow();
        assertThat(after.committedCost()).as("0.75 - 0.5 + 0.2").isEqualByComparingTo("0.45");
        assertThat(after.spentCost()).isEqualByComparingTo("0.2");
        assertThat(store.load("run-1").attemptsOf("a")).containsExactly(completed(a, new BigDecimal("0.2"), T0.plusSeconds(1)));
    }

    @Test
    void completingAnAttemptAgainReturnsFalseAndChangesNothing() {
        Run run = run("run-1", T0, NO_LIMITS);
        store.createRun(run, List.of(openItem("run-1", "a")));
        Attempt a = started("run-1", "a", 1, new BigDecimal("0.5"), T0);
        store.startAttempt(run, a);
        Attempt first = completed(a, new BigDecimal("0.2"), T0.plusSeconds(1));
        store.completeAttempt(run, first);

        assertThat(store.completeAttempt(run, completed(a, new BigDecimal("0.3"), T0.plusSeconds(2)))).isFalse();

        Run after = store.findRun("run-1").orElseThrow();
        assertThat(after.committedCost()).isEqualByComparingTo("0.2");
        assertThat(after.spentCost()).isEqualByComparingTo("0.2");
        assertThat(store.load("run-1").attempts()).containsExactly(first);
    }

    @Test
    void anAttemptThatWasNeverStartedCannotBeCompleted() {
        Run run = run("run-1", T0, NO_LIMITS);
        store.createRun(run, List.of(openItem("run-1", "a")));
        Attempt never = started("run-1", "a", 1, new BigDecimal("0.5"), T0);

        assertThat(store.completeAttempt(run, completed(never, new BigDecimal("0.2"), T0))).isFalse();
        assertThat(store.findRun("run-1").orElseThrow().spentCost()).isEqualByComparingTo("0");
        assertThatThrownBy(() -> store.completeAttempt(run, never)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHugeAnswerIsStoredCutWithANoteOfWhatWasLeftOut() {
        Run run = run("run-1", T0, NO_LIMITS);
        store.createRun(run, List.of(openItem("run-1", "a")));
        Attempt attempt = started("run-1", "a", 1, BigDecimal.ONE, T0);
        store.startAttempt(run, attempt);
        Attempt done = completed(attempt, new BigDecimal("0.2"), T0.plusSeconds(1));
        String huge = "x".repeat(AttemptEntity.MAX_OUTPUT_CHARS + 1234);
        Attempt hugeAnswer = new Attempt(done.runId(), done.itemId(), done.seq(), done.tierIndex(), done.tierName(),
                done.model(), done.attemptAtTier(), done.state(), done.reservedCost(), done.promptDigest(), huge,
                done.gates(), done.signals(), done.cqs(), done.inputTokens(), done.outputTokens(), done.cost(),
                done.durationMs(), done.failure(), "y".repeat(AttemptEntity.MAX_NOTES_CHARS + 1), done.calls(), null,
                done.startedAt(), done.finishedAt());

        assertThat(store.completeAttempt(run, hugeAnswer)).isTrue();

        Attempt stored = store.load("run-1").attempts().getFirst();
        assertThat(stored.output()).startsWith("x".repeat(AttemptEntity.MAX_OUTPUT_CHARS) + "\n")
                .endsWith("[truncated: 1234 more characters]");
        assertThat(stored.analysis()).endsWith("[truncated: 1 more characters]");
    }

    @Test
    void aDecisionIsSetOnceAndASecondDifferentOneIsIgnored() {
        Run run = run("run-1", T0, NO_LIMITS);
        Item open = openItem("run-1", "a");
        store.createRun(run, List.of(open));
        Attempt done = startAndComplete(run, "a", 1);
        AttemptDecision retry = new AttemptDecision(Action.RETRY, "min-attempts", "attempt 1 of at least 2");
        Item retrying = new Item("run-1", "a", open.input(), ItemStatus.OPEN, 0, "min-attempts", retry.reason(), null);
        AttemptDecision succeed = new AttemptDecision(Action.SUCCEED, "success", "CQS 100 reached 80");
        Item succeeded = new Item("run-1", "a", open.input(), ItemStatus.SUCCEEDED, 0, "success", succeed.reason(), 100.0);

        store.recordDecisions(run, List.of(new DecisionRecord(done.withDecision(retry), retrying)));
        store.recordDecisions(run, List.of(new DecisionRecord(done.withDecision(succeed), succeeded)));

        RunSnapshot loaded = store.load("run-1");
        assertThat(loaded.attempts()).extracting(Attempt::decision).containsExactly(retry);
        assertThat(loaded.items()).containsExactly(retrying);
    }

    @Test
    void aDecisionDoesNotReopenOrChangeAClosedItem() {
        Run run = run("run-1", T0, NO_LIMITS);
        Item open = openItem("run-1", "a");
        store.createRun(run, List.of(open));
        Attempt done = startAndComplete(run, "a", 1);
        Item exhausted = new Item("run-1", "a", open.input(), ItemStatus.BUDGET_EXHAUSTED, 0, "budget-cost", "no money", null);
        assertThat(store.updateOpenItem(run, exhausted)).isTrue();
        AttemptDecision retry = new AttemptDecision(Action.RETRY, "min-attempts", "attempt 1 of at least 2");

        store.recordDecisions(run, List.of(new DecisionRecord(done.withDecision(retry),
                new Item("run-1", "a", open.input(), ItemStatus.OPEN, 0, "min-attempts", retry.reason(), null))));

        RunSnapshot loaded = store.load("run-1");
        assertThat(loaded.items()).containsExactly(exhausted);
        assertThat(loaded.attempts().getFirst().decision()).as("recorded with its item or not at all").isNull();
        assertThat(store.updateOpenItem(run, open)).as("a closed item is not updated").isFalse();
        assertThat(store.load("run-1").items()).containsExactly(exhausted);
    }

    @Test
    void decisionsOfOtherItemsAreRecordedWhenOneOfTheBatchWasAlreadyDecided() {
        Run run = run("run-1", T0, NO_LIMITS);
        List<String> ids = List.of("a", "b", "c");
        store.createRun(run, ids.stream().map(id -> openItem("run-1", id)).toList());
        List<Attempt> done = ids.stream().map(id -> startAndComplete(run, id, 1)).toList();
        AttemptDecision first = new AttemptDecision(Action.ESCALATE, "max-attempts", "first");
        store.recordDecisions(run, List.of(decided(done.get(1), first, ItemStatus.OPEN)));
        AttemptDecision later = new AttemptDecision(Action.SUCCEED, "success", "later");

        store.recordDecisions(run, done.stream().map(attempt -> decided(attempt, later, ItemStatus.SUCCEEDED)).toList());

        RunSnapshot loaded = store.load("run-1");
        assertThat(loaded.attempts()).extracting(Attempt::decision).containsExactly(later, first, later);
        assertThat(loaded.items()).extracting(Item::status)
                .containsExactly(ItemStatus.SUCCEEDED, ItemStatus.OPEN, ItemStatus.SUCCEEDED);
    }

    @Test
    void moreDecisionsThanOneTransactionHoldsAreAllRecorded() {
        Run run = run("run-1", T0, NO_LIMITS);
        List<String> ids = IntStream.range(0, 55).mapToObj(i -> String.format("item-%03d", i)).toList();
        store.createRun(run, ids.stream().map(id -> openItem("run-1", id)).toList());
        List<Attempt> done = ids.stream().map(id -> startAndComplete(run, id, 1)).toList();
        AttemptDecision succeed = new AttemptDecision(Action.SUCCEED, "success", "good");

        store.recordDecisions(run, done.stream().map(attempt -> decided(attempt, succeed, ItemStatus.SUCCEEDED)).toList());

        RunSnapshot loaded = store.load("run-1");
        assertThat(loaded.attempts()).hasSize(55).allSatisfy(a -> assertThat(a.decision()).isEqualTo(succeed));
        assertThat(loaded.items()).hasSize(55).allSatisfy(i -> assertThat(i.status()).isEqualTo(ItemStatus.SUCCEEDED));
    }

    @Test
    void aRunFinishesOnlyOnce() {
        store.createRun(run("run-1", T0, NO_LIMITS), List.of());
        RunTotals totals = new RunTotals(new BigDecimal("0.5"), new BigDecimal("1"), 50.0);

        assertThat(store.finishRun("run-1", RunStatus.SUCCEEDED, "all good", totals, T0.plusSeconds(10))).isTrue();
        assertThat(store.finishRun("run-1", RunStatus.FAILED, "engine error", zeroTotals(), T0.plusSeconds(20))).isFalse();

        Run finished = store.findRun("run-1").orElseThrow();
        assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(finished.statusReason()).isEqualTo("all good");
        assertThat(finished.finishedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(finished.totals()).isEqualTo(totals);
        assertThat(store.runsWithStatus(RunStatus.SUCCEEDED)).extracting(Run::id).containsExactly("run-1");
        assertThat(store.runsWithStatus(RunStatus.FAILED)).isEmpty();
        assertThat(store.runsWithStatus(RunStatus.RUNNING)).isEmpty();
    }

    @Test
    void aMissingRunIsNotFound() {
        assertThat(store.findRun("nope")).isEmpty();
        assertThatThrownBy(() -> store.load("nope")).isInstanceOf(RunNotFoundException.class).hasMessageContaining("nope");
    }

    private Attempt startAndComplete(Run run, String itemId, int seq) {
        Attempt attempt = started(run.id(), itemId, seq, new BigDecimal("0.01"), T0);
        assertThat(store.startAttempt(run, attempt)).isEqualTo(AttemptStart.STARTED);
        Attempt done = completed(attempt, new BigDecimal("0.005"), T0.plusSeconds(1));
        assertThat(store.completeAttempt(run, done)).isTrue();
        return done;
    }

    private static DecisionRecord decided(Attempt attempt, AttemptDecision decision, ItemStatus status) {
        return new DecisionRecord(attempt.withDecision(decision), new Item(attempt.runId(), attempt.itemId(),
                "input of " + attempt.itemId(), status, 0, decision.rule(), decision.reason(),
                status == ItemStatus.OPEN ? null : attempt.cqs()));
    }

    private static RunTotals zeroTotals() {
        return new RunTotals(BigDecimal.ZERO, BigDecimal.ZERO, null);
    }

    /** A client that fails every put of a run record (META), as if the process died right before it. */
    private static DynamoDbClient failingPutsOfRunRecords(DynamoDbClient real) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("putItem") && args != null && args[0] instanceof PutItemRequest put
                            && put.item().get(Keys.SK).s().equals(Keys.META)) {
                        throw new IllegalStateException("crashed before the run record");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
