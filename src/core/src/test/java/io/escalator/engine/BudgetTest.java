package io.escalator.engine;

import static io.escalator.testkit.ScriptedChatModels.Answer.text;
import static io.escalator.testkit.TestLadders.CAPABLE;
import static io.escalator.testkit.TestLadders.CHEAP;
import static io.escalator.testkit.TestLadders.PREMIUM;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.model.TaskContext;
import io.escalator.policy.Action;
import io.escalator.run.Attempt;
import io.escalator.run.Item;
import io.escalator.run.ItemStatus;
import io.escalator.run.Run;
import io.escalator.workflow.RunRequestParser;
import io.escalator.run.RunSnapshot;
import io.escalator.run.RunStatus;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.TestLadders;
import io.escalator.testkit.TestRuns;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The run's global budget (cost, attempts, time) stops escalation, and money is never spent beyond it. */
@ExtendWith(DynamoDbLocalExtension.class)
class BudgetTest {

    private static final String ITEM = RunRequestParser.SINGLE_ITEM_ID;
    private static final String WRONG = "The answer is 41";

    private final ScriptedChatModels models = new ScriptedChatModels();
    private final MutableClock clock = MutableClock.at("2100-03-01T10:00:00Z");
    private Engine engine;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        engine = Engine.on(dynamoDb.client(), dynamoDb.uniqueTableName("runs"), TestLadders.priced(), models, clock);
    }

    @Test
    void aCostCapThatCannotPayForTheNextTierStopsTheItemBeforeThatTierStarts() {
        models.answer(CHEAP, text(WRONG, 1000, 500)).answer(CAPABLE, text("42", 2000, 400));
        BigDecimal maxCost = new BigDecimal("0.01");
        Run run = engine.start(TestRuns.run().maxCost(maxCost));
        BigDecimal capableWorstCase = engine.team.worstCaseCost(engine.ladder.tier(1),
                new TaskContext(run.objective(), run.objective(), List.of()));
        assertThat(capableWorstCase).as("precondition: the capable tier does not fit").isGreaterThan(maxCost);

        assertThat(engine.runToEnd(run.id())).isEqualTo(RunStatus.BUDGET_EXHAUSTED);

        Item item = engine.item(run.id(), ITEM);
        assertThat(item.status()).isEqualTo(ItemStatus.BUDGET_EXHAUSTED);
        assertThat(item.rule()).isEqualTo("budget-cost");
        assertThat(item.reason()).contains("would have: ").contains("escalating to capable");
        assertThat(engine.attempts(run.id(), ITEM)).extracting(Attempt::tierName).containsOnly("cheap").hasSize(2);
        assertThat(engine.attempts(run.id(), ITEM).getLast().decision().action()).isEqualTo(Action.BUDGET_EXHAUSTED);
        assertThat(models.callCount(CAPABLE)).isZero();
        assertThat(models.callCount(PREMIUM)).isZero();
        Run finished = engine.run(run.id());
        assertThat(finished.spentCost()).isEqualByComparingTo("0.0009").isLessThanOrEqualTo(maxCost);
        assertThat(finished.committedCost()).isEqualByComparingTo(finished.spentCost());
    }

    @RepeatedTest(3)
    void parallelItemsNeverSpendBeyondTheCostCapAndThoseThatDoNotFitEndBudgetExhausted() {
        models.answer(CHEAP, text("42", 1000, 500));
        TestRuns request = TestRuns.run();
        for (int i = 0; i < 6; i++) {
            request.item("item-" + i, "question number " + i);
        }
        BigDecimal reserve = engine.team.worstCaseCost(engine.ladder.tier(0),
                new TaskContext(request.spec().objective(), "question number 0", List.of()));
        BigDecimal maxCost = reserve.multiply(new BigDecimal("3.5"));
        Run run = engine.start(request.maxCost(maxCost));

        assertThat(engine.runToEnd(run.id())).isEqualTo(RunStatus.BUDGET_EXHAUSTED);

        RunSnapshot finished = engine.load(run.id());
        BigDecimal attemptCosts = finished.attempts().stream().map(Attempt::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(finished.run().spentCost()).isLessThanOrEqualTo(maxCost).isEqualByComparingTo(attemptCosts);
        assertThat(finished.run().committedCost()).isEqualByComparingTo(finished.run().spentCost());
        assertThat(finished.attempts()).allSatisfy(attempt -> assertThat(attempt.isCompleted()).isTrue());
        assertThat(finished.items()).extracting(Item::status)
                .containsOnly(ItemStatus.SUCCEEDED, ItemStatus.BUDGET_EXHAUSTED)
                .contains(ItemStatus.BUDGET_EXHAUSTED);
        assertThat(finished.items()).filteredOn(item -> item.status() == ItemStatus.SUCCEEDED).hasSizeGreaterThanOrEqualTo(3);
        assertThat(finished.items()).filteredOn(item -> item.status() == ItemStatus.BUDGET_EXHAUSTED)
                .allSatisfy(item -> assertThat(item.rule()).isEqualTo("budget-cost"));
        assertThat(models.callCount(CHEAP)).isEqualTo(finished.attempts().size());
    }

    @Test
    void anAttemptCapStopsTheItemWhenItIsReached() {
        models.answer(CHEAP, text(WRONG, 1000, 500)).answer(CAPABLE, text(WRONG, 2000, 400));
        Run run = engine.start(TestRuns.run().maxAttempts(3));

        assertThat(engine.runToEnd(run.id())).isEqualTo(RunStatus.BUDGET_EXHAUSTED);

        assertThat(engine.attempts(run.id(), ITEM)).extracting(Attempt::tierName).containsExactly("cheap", "cheap", "capable");
        Item item = engine.item(run.id(), ITEM);
        assertThat(item.status()).isEqualTo(ItemStatus.BUDGET_EXHAUSTED);
        assertThat(item.rule()).isEqualTo("budget-attempts");
        assertThat(engine.run(run.id()).attemptsStarted()).isEqualTo(3);
        assertThat(models.callCount(PREMIUM)).isZero();
    }

    @Test
    void anAttemptCapSharedByParallelItemsIsNeverExceeded() {
        models.answer(CHEAP, text(WRONG, 100, 10));
        Run run = engine.start(TestRuns.run().item("a", "question a").item("b", "question b").maxAttempts(3));

        assertThat(engine.runToEnd(run.id())).isEqualTo(RunStatus.BUDGET_EXHAUSTED);

        RunSnapshot finished = engine.load(run.id());
        assertThat(finished.attempts()).hasSize(3);
        assertThat(finished.run().attemptsStarted()).isEqualTo(3);
        assertThat(models.callCount()).isEqualTo(3);
        assertThat(finished.items()).allSatisfy(item -> {
            assertThat(item.status()).isEqualTo(ItemStatus.BUDGET_EXHAUSTED);
            assertThat(item.rule()).isEqualTo("budget-attempts");
        });
    }

    @Test
    void aTimeCapReachedWhileModelsWorkStopsTheItemBeforeTheNextTier() {
        models.answer(CHEAP, text(WRONG, 1000, 500)).answer(CAPABLE, text("42", 2000, 400))
                .onEveryCall(() -> clock.advance(Duration.ofSeconds(40)));
        Run run = engine.start(TestRuns.run().maxSeconds(60));

        assertThat(engine.runToEnd(run.id())).isEqualTo(RunStatus.BUDGET_EXHAUSTED);

        assertThat(engine.attempts(run.id(), ITEM)).extracting(Attempt::tierName).containsExactly("cheap", "cheap");
        Item item = engine.item(run.id(), ITEM);
        assertThat(item.status()).isEqualTo(ItemStatus.BUDGET_EXHAUSTED);
        assertThat(item.rule()).isEqualTo("budget-time");
        assertThat(models.callCount(CAPABLE)).isZero();
    }

    @Test
    void noAttemptStartsOnceTheTimeCapIsReached() {
        models.answer(CHEAP, text("42", 1000, 500));
        Run run = engine.start(TestRuns.run().item("a", "question a").item("b", "question b").maxSeconds(60));
        engine.estimate.estimate(run.id());
        clock.advance(Duration.ofSeconds(61));

        ExecuteTierStep.ExecuteResult executed = engine.execute.execute(run.id());

        assertThat(executed.attempted()).isZero();
        assertThat(executed.deferred()).isEqualTo(2);
        assertThat(models.callCount()).isZero();
        assertThat(engine.decide.decide(run.id()).next()).isEqualTo(DecideStep.Next.FINALIZE);
        assertThat(engine.finalizer.finalizeRun(run.id()).status()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
        assertThat(engine.load(run.id()).items()).allSatisfy(item -> assertThat(item.rule()).isEqualTo("budget-time"));
        assertThat(engine.run(run.id()).attemptsStarted()).isZero();
    }
}
