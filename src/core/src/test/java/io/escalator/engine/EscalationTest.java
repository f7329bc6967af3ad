package io.escalator.engine;

import static io.escalator.testkit.ScriptedChatModels.Answer.failure;
import static io.escalator.testkit.ScriptedChatModels.Answer.text;
import static io.escalator.testkit.TestLadders.CAPABLE;
import static io.escalator.testkit.TestLadders.CHEAP;
import static io.escalator.testkit.TestLadders.PREMIUM;
import static io.escalator.testkit.TestLadders.PREMIUM_ANALYZER;
import static io.escalator.testkit.TestLadders.PREMIUM_REVIEWER;
import static io.escalator.testkit.TestRuns.GATE_FAILURE;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.ladder.AgentRole;
import io.escalator.policy.Action;
import io.escalator.quality.GateResult;
import io.escalator.run.AgentCall;
import io.escalator.run.Attempt;
import io.escalator.run.AttemptDecision;
import io.escalator.run.AttemptState;
import io.escalator.run.Item;
import io.escalator.run.ItemStatus;
import io.escalator.run.Run;
import io.escalator.workflow.RunRequestParser;
import io.escalator.run.RunStatus;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.TestLadders;
import io.escalator.testkit.TestRuns;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How items climb the priced three-tier ladder, driven step by step over DynamoDB Local with scripted models. */
@ExtendWith(DynamoDbLocalExtension.class)
class EscalationTest {

    private static final String ITEM = RunRequestParser.SINGLE_ITEM_ID;
    private static final String WRONG = "The answer is 41";
    private static final String REVIEW = "{\"confidence\": 0.4, \"assessment\": \"the number is wrong\"}";

    private final ScriptedChatModels models = new ScriptedChatModels();
    private final MutableClock clock = MutableClock.at("2100-03-01T10:00:00Z");
    private DynamoDbLocal dynamoDb;

    @BeforeEach
    void keep(DynamoDbLocal dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    private Engine engine(io.escalator.ladder.Ladder ladder) {
        return Engine.on(dynamoDb.client(), dynamoDb.uniqueTableName("runs"), ladder, models, clock);
    }

    @Test
    void anItemTheCheapTierGetsWrongSucceedsOnTheCapableTierWithoutCallingThePremiumOne() {
        models.answer(CHEAP, text(WRONG, 1000, 500)).answer(CAPABLE, text("42", 2000, 400));
        Engine engine = engine(TestLadders.priced());
        Run run = engine.start(TestRuns.run().objective("What is six times seven?"));

        assertThat(engine.runToEnd(run.id())).isEqualTo(RunStatus.SUCCEEDED);

        Item item = engine.item(run.id(), ITEM);
        assertThat(item.status()).isEqualTo(ItemStatus.SUCCEEDED);
        assertThat(item.tierIndex()).isEqualTo(1);
        assertThat(item.rule()).isEqualTo("success");
        assertThat(item.finalCqs()).isEqualTo(100.0);
        assertThat(engine.attempts(run.id(), ITEM))
                .extracting(Attempt::seq, Attempt::tierName, Attempt::attemptAtTier, a -> a.decision().action())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "cheap", 1, Action.RETRY),
                        org.assertj.core.groups.Tuple.tuple(2, "cheap", 2, Action.ESCALATE),
                        org.assertj.core.groups.Tuple.tuple(3, "capable", 1, Action.SUCCEED));
        assertThat(models.callCount(CHEAP)).isEqualTo(2);
        assertThat(models.callCount(CAPABLE)).isEqualTo(1);
        assertThat(models.callCount(PREMIUM) + models.callCount(PREMIUM_ANALYZER) + models.callCount(PREMIUM_REVIEWER)).isZero();
    }

    @Test
    void theCapableTierIsToldTheCheapAnswerAndWhyItFailed() {
        models.answer(CHEAP, text(WRONG, 1000, 500)).answer(CAPABLE, text("42", 2000, 400));
        Engine engine = engine(TestLadders.priced());
        Run run = engine.start(TestRuns.run().objective("What is six times seven?"));

        engine.runToEnd(run.id());

        String firstCheapPrompt = models.promptsTo(CHEAP).getFirst().user();
        String capablePrompt = models.promptsTo(CAPABLE).getFirst().user();
        assertThat(firstCheapPrompt).contains("What is six times seven?").doesNotContain("failure_history");
        assertThat(models.promptsTo(CHEAP).get(1).user()).contains(WRONG, GATE_FAILURE);
        assertThat(capablePrompt).contains("What is six times seven?", WRONG, GATE_FAILURE, "tiers=\"cheap\"");
    }

    @Test
    void aRunCostsExactlyItsTokensTimesItsPrices() {
        models.answer(CHEAP, text(WRONG, 1000, 500)).answer(CAPABLE, text("42", 2000, 400));
        Engine engine = engine(TestLadders.priced());
        Run run = engine.start(TestRuns.run());

        engine.runToEnd(run.id());

        Attempt cheap = engine.attempts(run.id(), ITEM).getFirst();
        // 1000 x $0.15/M + 500 x $0.60/M
        assertThat(cheap.cost()).isEqualTo(new BigDecimal("0.00045"));
        assertThat(cheap.calls()).containsExactly(new AgentCall(AgentRole.GENERATOR, CHEAP, 1000, 500,
                new BigDecimal("0.00045"), 0, false, null));
        assertThat(cheap.inputTokens()).isEqualTo(1000);
        assertThat(cheap.outputTokens()).isEqualTo(500);
        // 2000 x $3/M + 400 x $15/M
        assertThat(engine.attempts(run.id(), ITEM).getLast().cost()).isEqualByComparingTo("0.012");
        Run finished = engine.run(run.id());
        assertThat(finished.spentCost()).isEqualByComparingTo("0.0129");
        assertThat(finished.committedCost()).as("no reservation is left over").isEqualByComparingTo("0.0129");
        assertThat(finished.totals().totalCost()).isEqualByComparingTo("0.0129");
        // the first attempt's tokens at the premium tier's prices: 1000 x $15/M + 500 x $75/M
        assertThat(finished.totals().allTopTierCost()).isEqualByComparingTo("0.0525");
        assertThat(finished.totals().savingsPercent()).isEqualTo(75.4);
    }

    @Test
    void anItemNoTierGetsRightNeedsAHumanAfterTwoCheapTwoCapableAndOnePremiumAttempt() {
        models.answer(CHEAP, text(WRONG, 1000, 500))
                .answer(CAPABLE, text(WRONG, 2000, 400))
                .answer(PREMIUM_ANALYZER, text("Both tiers answered 41; the product is 42.", 300, 100))
                .answer(PREMIUM, text(WRONG, 1000, 500))
                .answer(PREMIUM_REVIEWER, text(REVIEW, 800, 50));
        Engine engine = engine(TestLadders.priced());
        Run run = engine.start(TestRuns.run());

        assertThat(engine.runToEnd(run.id())).isEqualTo(RunStatus.NEEDS_HUMAN);

        assertThat(engine.attempts(run.id(), ITEM))
                .extracting(Attempt::tierIndex, Attempt::attemptAtTier, a -> a.decision().action())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, 1, Action.RETRY),
                        org.assertj.core.groups.Tuple.tuple(0, 2, Action.ESCALATE),
                        org.assertj.core.groups.Tuple.tuple(1, 1, Action.RETRY),
                        org.assertj.core.groups.Tuple.tuple(1, 2, Action.ESCALATE),
                        org.assertj.core.groups.Tuple.tuple(2, 1, Action.NEEDS_HUMAN));
        Item item = engine.item(run.id(), ITEM);
        assertThat(item.status()).isEqualTo(ItemStatus.NEEDS_HUMAN);
        assertThat(item.tierIndex()).isEqualTo(2);
        assertThat(item.rule()).isEqualTo("top-tier-failed");
        Run finished = engine.run(run.id());
        assertThat(finished.status()).isEqualTo(RunStatus.NEEDS_HUMAN);
        assertThat(finished.statusReason()).isEqualTo("1 of 1 items needs human");
        assertThat(models.callCount(PREMIUM_ANALYZER)).isEqualTo(1);
        assertThat(models.callCount(PREMIUM)).isEqualTo(1);
        assertThat(models.callCount(PREMIUM_REVIEWER)).isEqualTo(1);
    }

    @Test
    void theTopTiersFullTeamIsRecordedWithEveryCallItsAnalysisAndItsReviewerConfidence() {
        models.answer(CHEAP, text(WRONG, 1000, 500))
                .answer(CAPABLE, text(WRONG, 2000, 400))
                .answer(PREMIUM_ANALYZER, text("Both tiers answered 41; the product is 42.", 300, 100))
                .answer(PREMIUM, text(WRONG, 1000, 500))
                .answer(PREMIUM_REVIEWER, text(REVIEW, 800, 50));
        Engine engine = engine(TestLadders.priced());
        Run run = engine.start(TestRuns.run());

        engine.runToEnd(run.id());

        Attempt premium = engine.attempts(run.id(), ITEM).getLast();
        assertThat(premium.calls()).extracting(AgentCall::role, AgentCall::model).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AgentRole.FAILURE_ANALYZER, PREMIUM_ANALYZER),
                org.assertj.core.groups.Tuple.tuple(AgentRole.GENERATOR, PREMIUM),
                org.assertj.core.groups.Tuple.tuple(AgentRole.REVIEWER, PREMIUM_REVIEWER));
        assertThat(premium.inputTokens()).isEqualTo(2100);
        assertThat(premium.outputTokens()).isEqualTo(650);
        // (300 + 1000 + 800) x $15/M + (100 + 500 + 50) x $75/M
        assertThat(premium.cost()).isEqualByComparingTo("0.08025");
        assertThat(premium.signals().confidence()).isEqualTo(0.4);
        // pass rate 0 (weight 0.40) and confidence 40% (weight 0.15), scaled to the signals present
        assertThat(premium.cqs()).isEqualTo(10.91);
        assertThat(premium.analysis()).contains("Failure analysis: Both tiers answered 41",
                "Reviewer (confidence 0.4): the number is wrong");
        assertThat(models.promptsTo(PREMIUM_ANALYZER).getFirst().user()).contains(WRONG, GATE_FAILURE, "tiers=\"cheap, capable\"");
        assertThat(models.promptsTo(PREMIUM).getFirst().user()).contains("Both tiers answered 41; the product is 42.");
        assertThat(models.promptsTo(PREMIUM_REVIEWER).getFirst().user()).contains(WRONG, GATE_FAILURE);
    }

    @Test
    void aModelFailureIsAFailedAttemptWithItsReasonAndTheItemEscalates() {
        String reason = "model cheap-model at http://models.test/v1 answered HTTP 503: overloaded";
        models.answer(CHEAP, failure(reason)).answer(CAPABLE, text("42", 2000, 400));
        Engine engine = engine(TestLadders.priced());
        Run run = engine.start(TestRuns.run());

        assertThat(engine.runToEnd(run.id())).isEqualTo(RunStatus.SUCCEEDED);

        var attempts = engine.attempts(run.id(), ITEM);
        Attempt failed = attempts.getFirst();
        assertThat(failed.state()).isEqualTo(AttemptState.COMPLETED);
        assertThat(failed.failure()).isEqualTo(reason);
        assertThat(failed.output()).isNull();
        assertThat(failed.cqs()).isZero();
        assertThat(failed.cost()).isEqualByComparingTo("0");
        assertThat(failed.gates()).extracting(GateResult::passed, GateResult::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(false, "not checked: no answer (" + reason + ")"));
        assertThat(failed.calls()).extracting(AgentCall::failure).containsExactly(reason);
        assertThat(failed.decision().reason()).contains("the model failed (" + reason + ")");
        assertThat(attempts).extracting(Attempt::tierName, a -> a.decision().action()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("cheap", Action.RETRY),
                org.assertj.core.groups.Tuple.tuple("cheap", Action.ESCALATE),
                org.assertj.core.groups.Tuple.tuple("capable", Action.SUCCEED));
        assertThat(models.promptsTo(CAPABLE).getFirst().user()).contains("<error>" + reason + "</error>");
        assertThat(engine.run(run.id()).spentCost()).isEqualByComparingTo("0.012");
    }

    @Test
    void aFreeTierThatSucceedsCostsExactlyNothing() {
        models.answer(CHEAP, text("42", 1000, 500));
        Engine engine = engine(TestLadders.freeCheapTier());
        Run run = engine.start(TestRuns.run());

        assertThat(engine.runToEnd(run.id())).isEqualTo(RunStatus.SUCCEEDED);

        Run finished = engine.run(run.id());
        assertThat(finished.totals().totalCost()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(finished.spentCost()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(finished.committedCost()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(engine.attempts(run.id(), ITEM)).singleElement()
                .satisfies(attempt -> assertThat(attempt.cost()).isEqualByComparingTo(BigDecimal.ZERO));
        assertThat(finished.totals().allTopTierCost()).isEqualByComparingTo("0.0525");
        assertThat(finished.totals().savingsPercent()).isEqualTo(100.0);
    }

    @Test
    void itemsOfARunClimbIndependently() {
        models.answer(CHEAP, "easy question", text("42", 100, 10))
                .answer(CHEAP, "hard question", text(WRONG, 100, 10))
                .answer(CAPABLE, "hard question", text("42", 100, 10));
        Engine engine = engine(TestLadders.priced());
        Run run = engine.start(TestRuns.run().item("easy", "easy question").item("hard", "hard question"));

        assertThat(engine.runToEnd(run.id())).isEqualTo(RunStatus.SUCCEEDED);

        assertThat(engine.attempts(run.id(), "easy")).extracting(Attempt::tierName).containsExactly("cheap");
        assertThat(engine.attempts(run.id(), "hard")).extracting(Attempt::tierName).containsExactly("cheap", "cheap", "capable");
        assertThat(engine.item(run.id(), "easy").tierIndex()).isZero();
        assertThat(engine.item(run.id(), "hard").tierIndex()).isEqualTo(1);
        assertThat(models.callCount(CAPABLE, "easy question")).isZero();
        assertThat(engine.load(run.id()).attempts()).allSatisfy(a -> assertThat(a.decision()).isNotNull()
                .extracting(AttemptDecision::rule).isNotNull());
    }

    @Test
    void noMoreItemsCallModelsAtOnceThanTheItemParallelism() {
        models.answer(CHEAP, text("42", 100, 10).after(java.time.Duration.ofMillis(40)));
        Engine engine = Engine.builder(dynamoDb.client(), dynamoDb.uniqueTableName("runs"))
                .ladder(TestLadders.priced()).models(models).clock(clock).itemParallelism(2).build();
        TestRuns request = TestRuns.run();
        for (int i = 0; i < 6; i++) {
            request.item("item-" + i, "question " + i);
        }
        Run run = engine.start(request);
        engine.estimate.estimate(run.id());

        ExecuteTierStep.ExecuteResult result = engine.execute.execute(run.id());

        assertThat(result.attempted()).isEqualTo(6);
        assertThat(result.deferred()).isZero();
        assertThat(models.callCount(CHEAP)).isEqualTo(6);
        assertThat(models.maxConcurrentCalls()).isBetween(1, 2);
    }
}
