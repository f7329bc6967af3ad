package io.escalator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.cost.CostEstimate;
import io.escalator.cost.TierEstimate;
import io.escalator.cost.TierHistory;
import io.escalator.ladder.Ladder;
import io.escalator.model.TaskContext;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.TestLadders;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Estimate arithmetic against figures computed by hand. The ladder charges output tokens only ($1, $10 and $100 per
 * million; input is free), so an attempt's expected cost is calls x output tokens per call x price, whatever the
 * prompts' lengths: cheap and capable make one call per attempt (simple mode), premium two on a cold attempt (full
 * mode: generator and reviewer; the failure analyzer only runs when there is a history).
 */
@ExtendWith(DynamoDbLocalExtension.class)
class CostEstimatorTest {

    private static final Ladder OUTPUT_PRICED = TestLadders.parse(TestLadders.json("0", "1", "0", "10", "0", "100"));
    private static final List<TaskContext> COLD_TASKS = List.of(
            new TaskContext("Compute.", "17 * 3", List.of()), new TaskContext("Compute.", "2 ** 10", List.of()));

    private Engine engine;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        engine = Engine.on(dynamoDb.client(), dynamoDb.uniqueTableName("runs"), OUTPUT_PRICED, new ScriptedChatModels(),
                MutableClock.at("2100-03-01T10:00:00Z"));
    }

    @Test
    void withoutHistoryTheDefaultsApply() {
        CostEstimate estimate = engine.estimator.estimate("prompt", COLD_TASKS);

        // 400 output tokens per call (the default); minAttempts 2, 2, 1; reach 100%, 30%, 10%
        // cheap:   2 items x 1.0 x 2 attempts x 1 call  x 400 x $1/M   = 0.0016
        // capable: 2 items x 0.3 x 2 attempts x 1 call  x 400 x $10/M  = 0.0048
        // premium: 2 items x 0.1 x 1 attempt  x 2 calls x 400 x $100/M = 0.016
        assertThat(estimate.tiers()).extracting(TierEstimate::estimatedCost)
                .usingElementComparator(java.math.BigDecimal::compareTo)
                .containsExactly(new java.math.BigDecimal("0.0016"), new java.math.BigDecimal("0.0048"),
                        new java.math.BigDecimal("0.016"));
        assertThat(estimate.tiers()).extracting(TierEstimate::probability).containsExactly(1.0, 0.3, 0.1);
        assertThat(estimate.tiers()).extracting(TierEstimate::items).containsExactly(2.0, 0.6, 0.2);
        assertThat(estimate.total()).isEqualByComparingTo("0.0224");
        // all on premium: 2 items x 1 attempt x 2 calls x 400 x $100/M
        assertThat(estimate.allTopTierCost()).isEqualByComparingTo("0.16");
        assertThat(estimate.basis()).anySatisfy(line -> assertThat(line).contains("defaults").contains("0 items of 'prompt'"));
    }

    @Test
    void withEnoughHistoryProbabilitiesAttemptsAndOutputTokensAreLearned() {
        engine.history.addTierHistory("prompt", OUTPUT_PRICED.fingerprint(), List.of(
                new TierHistory(0, 20, 30, 30, 3000),
                new TierHistory(1, 5, 10, 10, 2000),
                new TierHistory(2, 1, 1, 2, 200)));

        CostEstimate estimate = engine.estimator.estimate("prompt", COLD_TASKS);

        // output tokens per call: 5200 / 42 calls = 123.8 -> 124; reach 20/20, 5/20, 1/20; attempts 30/20, 10/5, 1/1
        // cheap:   2 x 1.0  x 1.5 x 1 call  x 124 x $1/M   = 0.000372
        // capable: 2 x 0.25 x 2   x 1 call  x 124 x $10/M  = 0.00124
        // premium: 2 x 0.05 x 1   x 2 calls x 124 x $100/M = 0.00248
        assertThat(estimate.tiers()).extracting(TierEstimate::probability).containsExactly(1.0, 0.25, 0.05);
        assertThat(estimate.tiers().get(0).estimatedCost()).isEqualByComparingTo("0.000372");
        assertThat(estimate.tiers().get(1).estimatedCost()).isEqualByComparingTo("0.00124");
        assertThat(estimate.tiers().get(2).estimatedCost()).isEqualByComparingTo("0.00248");
        assertThat(estimate.total()).isEqualByComparingTo("0.004092");
        assertThat(estimate.allTopTierCost()).isEqualByComparingTo("0.0496");
        assertThat(estimate.basis())
                .anySatisfy(line -> assertThat(line).contains("learned from 20 items").contains("capable 25%").contains("premium 5%"))
                .anySatisfy(line -> assertThat(line).contains("124 per model call").contains("42 earlier calls"));
    }

    @Test
    void historyOfAnotherWorkflowOrAnotherLadderIsNotUsed() {
        engine.history.addTierHistory("test-gen", OUTPUT_PRICED.fingerprint(), List.of(new TierHistory(0, 50, 50, 50, 500)));
        engine.history.addTierHistory("prompt", "another-ladder", List.of(new TierHistory(0, 50, 50, 50, 500)));

        CostEstimate estimate = engine.estimator.estimate("prompt", COLD_TASKS);

        assertThat(estimate.tiers()).extracting(TierEstimate::probability).containsExactly(1.0, 0.3, 0.1);
        assertThat(estimate.total()).isEqualByComparingTo("0.0224");
    }

    @Test
    void finishedRunsAddTheirFiguresToTheHistoryOnce() {
        ScriptedChatModels models = engine.models;
        models.answer(TestLadders.CHEAP, ScriptedChatModels.Answer.text("41", 100, 7))
                .answer(TestLadders.CAPABLE, ScriptedChatModels.Answer.text("42", 100, 5));
        var run = engine.start(io.escalator.testkit.TestRuns.run());
        engine.driver.drive(run.id());
        engine.finalizer.finalizeRun(run.id());

        var history = engine.history.tierHistory("prompt", OUTPUT_PRICED.fingerprint());

        assertThat(history.get(0)).extracting(TierHistory::itemsReached, TierHistory::attempts, TierHistory::calls,
                TierHistory::outputTokens).containsExactly(1L, 2L, 2L, 14L);
        assertThat(history.get(1)).extracting(TierHistory::itemsReached, TierHistory::attempts, TierHistory::calls,
                TierHistory::outputTokens).containsExactly(1L, 1L, 1L, 5L);
        assertThat(history).doesNotContainKey(2);
    }
}
