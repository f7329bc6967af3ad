package io.escalator.replay;

import static io.escalator.testkit.RecordedFixture.BIG;
import static io.escalator.testkit.RecordedFixture.MID;
import static io.escalator.testkit.RecordedFixture.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.escalator.cost.CostEstimate;
import io.escalator.cost.TokenCounter;
import io.escalator.ladder.Ladder;
import io.escalator.model.ChatModelsByProvider;
import io.escalator.model.TaskContext;
import io.escalator.policy.Action;
import io.escalator.run.AgentCall;
import io.escalator.run.Attempt;
import io.escalator.run.Item;
import io.escalator.run.ItemStatus;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.RecordedFixture;
import io.escalator.testkit.TestRuns;
import io.escalator.testkit.TestSandboxes;
import io.escalator.workflow.PromptWorkflow;
import io.escalator.workflow.Workflows;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs on replay tiers through the engine over DynamoDB Local: recorded answers, recorded costs, recorded verdicts. */
@ExtendWith(DynamoDbLocalExtension.class)
class ReplayRunTest {

    private static final String GATE = "[{\"type\": \"recorded-label\"}]";
    private static final RecordedAnswers RECORDED = RecordedAnswers.of(RecordedFixture.dataset(), 0);

    private DynamoDbLocal dynamoDb;

    @BeforeEach
    void keep(DynamoDbLocal dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    private Engine engine(Ladder ladder) {
        return Engine.builder(dynamoDb.client(), dynamoDb.uniqueTableName("replay")).ladder(ladder)
                .chatModels(new ChatModelsByProvider(List.of(new ReplayChatModels(RECORDED))))
                .workflows(new Workflows(List.of(new PromptWorkflow(TestSandboxes.GATES, RECORDED))))
                .build();
    }

    private static TestRuns oneItem(String input) {
        return TestRuns.run().objective("Answer.").item("q", input).gates(GATE);
    }

    @Test
    void everyAttemptReservesAndCostsExactlyItsRecordedCallWithItsTokensCounted() {
        Engine engine = engine(RecordedFixture.ladder(SMALL, "1/1", BIG, "1/1"));
        Run run = engine.start(oneItem("What is 6 x 7?"));

        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.SUCCEEDED);

        List<Attempt> attempts = engine.attempts(run.id(), "q");
        assertThat(attempts).extracting(Attempt::model, Attempt::output, Attempt::reservedCost, Attempt::cost, Attempt::cqs)
                .containsExactly(
                        tuple(SMALL, "41", new BigDecimal("0.000012"), new BigDecimal("0.000012"), 0.0),
                        tuple(BIG, "42", new BigDecimal("0.0032"), new BigDecimal("0.0032"), 100.0));
        AgentCall call = attempts.getFirst().calls().getFirst();
        assertThat(call.tokensCounted()).isTrue();
        assertThat(call.inputTokens()).isPositive();
        assertThat(call.outputTokens()).isEqualTo(TokenCounter.count("41"));
        assertThat(attempts.getFirst().gates().getFirst().message()).isEqualTo("recorded score 0");
        assertThat(engine.run(run.id()).totals().totalCost()).isEqualByComparingTo("0.003212");
    }

    @Test
    void theBudgetCapHoldsOnRecordedCosts() {
        Engine engine = engine(RecordedFixture.ladder(SMALL, "1/1", BIG, "1/1"));
        // the small model's $0.000012 fits; the big model's recorded $0.0032 does not fit what is left
        Run run = engine.start(oneItem("What is 6 x 7?").maxCost("0.0032"));

        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.BUDGET_EXHAUSTED);

        assertThat(engine.attempts(run.id(), "q")).extracting(Attempt::model).containsExactly(SMALL);
        assertThat(engine.run(run.id()).spentCost()).isEqualByComparingTo("0.000012");
    }

    @Test
    void aModelWithoutARecordedAnswerIsAFailedCallTheItemSurvives() {
        Engine engine = engine(RecordedFixture.ladder(SMALL, "1/1", MID, "1/1", BIG, "1/1"));
        Run run = engine.start(oneItem(RecordedFixture.UNANSWERED_BY_MID));

        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.SUCCEEDED);

        assertThat(engine.attempts(run.id(), "q")).extracting(Attempt::model, Attempt::failure, Attempt::cost,
                        attempt -> attempt.decision().action())
                .containsExactly(
                        tuple(SMALL, null, new BigDecimal("0.000018"), Action.ESCALATE),
                        tuple(MID, "model acme/mid-34b on tier tier2 has nothing to replay: model 'acme/mid-34b' has no"
                                + " recorded answer to prompt q8 of fixture.csv (its score or cost is empty)",
                                BigDecimal.ZERO, Action.ESCALATE),
                        tuple(BIG, null, new BigDecimal("0.0038"), Action.SUCCEED));
    }

    @Test
    void anItemThatIsNoRecordedPromptFailsOnEveryTierAndNeedsAHuman() {
        Engine engine = engine(RecordedFixture.ladder(SMALL, "1/1", BIG, "1/1"));
        Run run = engine.start(oneItem("What is 7 x 6?"));

        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.NEEDS_HUMAN);

        Item item = engine.item(run.id(), "q");
        assertThat(item.status()).isEqualTo(ItemStatus.NEEDS_HUMAN);
        assertThat(engine.attempts(run.id(), "q")).extracting(Attempt::failure).allSatisfy(failure -> assertThat(failure)
                .contains("has nothing to replay: no recorded prompt of fixture.csv is the item's input \"What is 7 x 6?\""));
        assertThat(engine.run(run.id()).totals().totalCost()).isZero();
    }

    @Test
    void theEstimateCountsEachTiersRecordedCost() {
        Engine engine = engine(RecordedFixture.ladder(SMALL, "1/1", BIG, "1/1"));

        CostEstimate estimate = engine.estimator.estimate(PromptWorkflow.NAME,
                List.of(new TaskContext("Answer.", "What is 6 x 7?", List.of())));

        // the defaults: every item reaches the first tier, 30% the second; one attempt each
        assertThat(estimate.total()).isEqualByComparingTo("0.000972");
    }
}
