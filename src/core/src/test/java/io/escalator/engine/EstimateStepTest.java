package io.escalator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.cost.CostEstimate;
import io.escalator.cost.TierEstimate;
import io.escalator.cost.TokenUsage;
import io.escalator.ladder.AgentRole;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.Tier;
import io.escalator.model.Prompts;
import io.escalator.model.TaskContext;
import io.escalator.run.Run;
import io.escalator.support.Json;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.TestLadders;
import io.escalator.testkit.TestRuns;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbLocalExtension.class)
class EstimateStepTest {

    private static final String OBJECTIVE = "Answer each question with a number.";
    private static final List<String> INPUTS = List.of("What is six times seven?",
            "What is the sum of the first ten positive integers, written in digits?");

    private final ScriptedChatModels models = new ScriptedChatModels();
    private Engine engine;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        engine = Engine.on(dynamoDb.client(), dynamoDb.uniqueTableName("runs"), TestLadders.priced(), models,
                MutableClock.at("2100-03-01T10:00:00Z"));
    }

    @Test
    void theEstimateIsTokensTimesPricesTimesReachProbabilitiesTimesMinimumAttempts() {
        Run run = engine.start(TestRuns.run().objective(OBJECTIVE).item("a", INPUTS.get(0)).item("b", INPUTS.get(1)));

        CostEstimate estimate = engine.estimate.estimate(run.id()).estimate();

        Ladder ladder = engine.ladder;
        double[] reach = {1.0, 0.3, 0.1};
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < 3; i++) {
            Tier tier = ladder.tier(i);
            BigDecimal expected = coldCost(tier).multiply(BigDecimal.valueOf(tier.minAttempts()))
                    .multiply(BigDecimal.valueOf(reach[i]));
            total = total.add(expected);
            TierEstimate tierEstimate = estimate.tiers().get(i);
            assertThat(tierEstimate.tier()).isEqualTo(tier.name());
            assertThat(tierEstimate.model()).isEqualTo(tier.model());
            assertThat(tierEstimate.probability()).isEqualTo(reach[i]);
            assertThat(tierEstimate.items()).isEqualTo(2 * reach[i]);
            assertThat(tierEstimate.estimatedCost()).as(tier.name()).isEqualByComparingTo(money(expected));
        }
        assertThat(ladder.tier(0).minAttempts()).isEqualTo(2);
        assertThat(ladder.tier(1).minAttempts()).isEqualTo(2);
        assertThat(ladder.tier(2).minAttempts()).isEqualTo(1);
        assertThat(estimate.total()).isEqualByComparingTo(money(total));
        assertThat(estimate.allTopTierCost()).isEqualByComparingTo(money(coldCost(ladder.top())));
        assertThat(estimate.allTopTierCost()).isPositive();
        assertThat(estimate.basis()).isNotEmpty().anySatisfy(line -> assertThat(line).contains("reach probabilities"))
                .anySatisfy(line -> assertThat(line).contains("minAttempts"))
                .anySatisfy(line -> assertThat(line).contains(Engine.EXPECTED_OUTPUT_TOKENS + " per model call"));
        assertThat(models.callCount()).as("estimating calls no model").isZero();
    }

    @Test
    void theEstimateIsStoredOnTheRun() {
        Run run = engine.start(TestRuns.run().objective(OBJECTIVE).item("a", INPUTS.get(0)));

        CostEstimate estimate = engine.estimate.estimate(run.id()).estimate();

        String stored = engine.run(run.id()).estimateJson();
        assertThat(stored).isNotNull();
        assertThat(Json.read(stored, CostEstimate.class)).isEqualTo(estimate);
        assertThat(Json.readTree(stored).has("allTopTierCost")).isTrue();
        assertThat(Json.readTree(stored).get("basis").isArray()).isTrue();
    }

    /** Every item's first attempt on the tier with the expected output per call, computed from the prompts. */
    private static BigDecimal coldCost(Tier tier) {
        int output = Math.min(Engine.EXPECTED_OUTPUT_TOKENS, tier.maxOutputTokens());
        BigDecimal cost = BigDecimal.ZERO;
        for (String input : INPUTS) {
            TaskContext task = new TaskContext(OBJECTIVE, input, List.of());
            cost = cost.add(tier.modelFor(AgentRole.GENERATOR).prices()
                    .cost(new TokenUsage(Prompts.generator(task, null).tokens(), output)));
            if (tier.mode() == io.escalator.ladder.AgentMode.FULL) {
                // the reviewer reads the task, the answer and the checks' verdicts (room of 1000 tokens)
                int reviewerInput = Prompts.reviewer(task, "", List.of()).tokens() + output + 1_000;
                cost = cost.add(tier.modelFor(AgentRole.REVIEWER).prices().cost(new TokenUsage(reviewerInput, output)));
            }
        }
        return cost;
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(8, RoundingMode.HALF_UP);
    }
}
