package io.escalator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.policy.BudgetLimits;
import io.escalator.run.Item;
import io.escalator.run.ItemStatus;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.TestLadders;
import io.escalator.support.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A run's final status follows its items; the totals and savings are stored with it. */
@ExtendWith(DynamoDbLocalExtension.class)
class FinalizeStepTest {

    private final MutableClock clock = MutableClock.at("2100-03-01T10:00:00Z");
    private Engine engine;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        engine = Engine.on(dynamoDb.client(), dynamoDb.uniqueTableName("runs"), TestLadders.priced(),
                new io.escalator.testkit.ScriptedChatModels(), clock);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "SUCCEEDED SUCCEEDED, SUCCEEDED",
            "SUCCEEDED NEEDS_HUMAN BUDGET_EXHAUSTED FAILED, NEEDS_HUMAN",
            "SUCCEEDED BUDGET_EXHAUSTED FAILED, BUDGET_EXHAUSTED",
            "SUCCEEDED FAILED, FAILED",
            "FAILED, FAILED",
            "SUCCEEDED OPEN, FAILED"
    })
    void theRunStatusFollowsItsItems(String itemStatuses, RunStatus expected) {
        String runId = runWithItems(itemStatuses.split(" "));

        FinalizeStep.FinalizeResult result = engine.finalizer.finalizeRun(runId);

        assertThat(result.status()).isEqualTo(expected);
        Run finished = engine.run(runId);
        assertThat(finished.status()).isEqualTo(expected);
        assertThat(finished.finishedAt()).isEqualTo(clock.instant());
        assertThat(finished.statusReason()).contains(" of " + itemStatuses.split(" ").length + " items ");
    }

    @Test
    void theReasonCountsTheItemsOfEachStatus() {
        String runId = runWithItems("SUCCEEDED", "SUCCEEDED", "NEEDS_HUMAN");

        engine.finalizer.finalizeRun(runId);

        assertThat(engine.run(runId).statusReason()).isEqualTo("2 of 3 items succeeded, 1 of 3 items needs human");
    }

    @Test
    void aFailureClosesTheOpenItemsAsFailedWithItsReason() {
        String runId = runWithItems("SUCCEEDED", "OPEN", "OPEN");

        FinalizeStep.FinalizeResult result = engine.finalizer.finalizeRun(runId, "engine error: boom");

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(engine.run(runId).statusReason()).isEqualTo("engine error: boom");
        List<Item> items = engine.load(runId).items();
        assertThat(items).extracting(Item::status)
                .containsExactly(ItemStatus.SUCCEEDED, ItemStatus.FAILED, ItemStatus.FAILED);
        assertThat(items.subList(1, 3)).allSatisfy(item -> {
            assertThat(item.rule()).isEqualTo("run-failed");
            assertThat(item.reason()).isEqualTo("engine error: boom");
        });
    }

    @Test
    void aFailureThatClosedItemsIsNamedInTheReasonWhenOtherItemsDecideTheStatus() {
        String runId = runWithItems("NEEDS_HUMAN", "OPEN");

        FinalizeStep.FinalizeResult result = engine.finalizer.finalizeRun(runId,
                "run x was started on a different ladder than the one configured now; it cannot be resumed");

        assertThat(result.status()).isEqualTo(RunStatus.NEEDS_HUMAN);
        assertThat(engine.run(runId).statusReason()).isEqualTo("1 of 2 items needs human, 1 of 2 items failed: "
                + "run x was started on a different ladder than the one configured now; it cannot be resumed");
    }

    @Test
    void aFailureThatClosedNothingLeavesTheReasonToTheItems() {
        String runId = runWithItems("SUCCEEDED", "NEEDS_HUMAN");

        engine.finalizer.finalizeRun(runId, "engine error: late");

        assertThat(engine.run(runId).statusReason()).isEqualTo("1 of 2 items succeeded, 1 of 2 items needs human");
    }

    @Test
    void aRunWithoutAttemptsCostsNothingAndHasNothingToSave() {
        String runId = runWithItems("BUDGET_EXHAUSTED");

        engine.finalizer.finalizeRun(runId);

        Run finished = engine.run(runId);
        assertThat(finished.totals().totalCost()).isEqualByComparingTo("0");
        assertThat(finished.totals().allTopTierCost()).isEqualByComparingTo("0");
        assertThat(finished.totals().savingsPercent()).isNull();
    }

    @Test
    void savingsArePricedOnTheLadderTheRunStartedOnEvenIfTheConfigurationChanged() {
        engine.models.answer(TestLadders.CHEAP, io.escalator.testkit.ScriptedChatModels.Answer.text("42", 1000, 500));
        Run run = engine.start(io.escalator.testkit.TestRuns.run());
        engine.estimate.estimate(run.id());
        engine.execute.execute(run.id());
        engine.decide.decide(run.id());
        FinalizeStep onAnotherLadder = new FinalizeStep(engine.store,
                TestLadders.parse(TestLadders.json("0.15", "0.60", "3", "15", "30", "150")), clock,
                new io.escalator.analytics.RollupRecorder(engine.history), engine.models);

        assertThat(onAnotherLadder.finalizeRun(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);

        // 1000 x $15/M + 500 x $75/M: the premium prices the run started with, not the new $30/$150
        assertThat(engine.run(run.id()).totals().allTopTierCost()).isEqualByComparingTo("0.0525");
    }

    /** A run whose items are already in the given statuses, stored directly. */
    private String runWithItems(String... statuses) {
        String runId = "run-" + String.join("-", statuses).toLowerCase();
        Run run = new Run(runId, "prompt", "objective", RunStatus.RUNNING, null, "[]", "{}", BudgetLimits.NONE,
                BigDecimal.ZERO, BigDecimal.ZERO, 0, Json.write(engine.ladder), engine.ladder.fingerprint(), null,
                clock.instant(), null, null, null, null);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            ItemStatus status = ItemStatus.valueOf(statuses[i]);
            items.add(new Item(runId, "item-" + i, "input " + i, status, 0, status == ItemStatus.OPEN ? null : "rule",
                    null, null));
        }
        engine.store.createRun(run, items);
        clock.advance(Duration.ofSeconds(30));
        return runId;
    }
}
