package io.escalator.engine;

import static io.escalator.testkit.ScriptedChatModels.Answer.text;
import static io.escalator.testkit.TestLadders.CHEAP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.model.TaskContext;
import io.escalator.policy.Action;
import io.escalator.run.Attempt;
import io.escalator.run.AttemptState;
import io.escalator.run.Item;
import io.escalator.run.ItemStatus;
import io.escalator.run.Run;
import io.escalator.workflow.RunRequestParser;
import io.escalator.run.RunSnapshot;
import io.escalator.run.RunStatus;
import io.escalator.store.AttemptStart;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every step may run again (a retried Lambda, a restarted stack): nothing is then called, recorded or charged twice. */
@ExtendWith(DynamoDbLocalExtension.class)
class StepIdempotencyTest {

    private static final String ITEM = RunRequestParser.SINGLE_ITEM_ID;

    private final ScriptedChatModels models = new ScriptedChatModels();
    private final MutableClock clock = MutableClock.at("2100-03-01T10:00:00Z");
    private DynamoDbLocal dynamoDb;
    private Engine engine;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        this.dynamoDb = dynamoDb;
        engine = Engine.on(dynamoDb.client(), dynamoDb.uniqueTableName("runs"), TestLadders.priced(), models, clock);
    }

    @Test
    void executingTwiceWithoutADecisionMakesNoSecondAttemptAndNoSecondCharge() {
        models.answer(CHEAP, text("The answer is 41", 1000, 500));
        Run run = engine.start(TestRuns.run());
        engine.estimate.estimate(run.id());

        assertThat(engine.execute.execute(run.id()).attempted()).isEqualTo(1);
        Run afterFirst = engine.run(run.id());
        ExecuteTierStep.ExecuteResult again = engine.execute.execute(run.id());

        assertThat(again.attempted()).isZero();
        assertThat(models.callCount()).isEqualTo(1);
        assertThat(engine.attempts(run.id(), ITEM)).hasSize(1);
        Run afterSecond = engine.run(run.id());
        assertThat(afterSecond.spentCost()).isEqualByComparingTo("0.00045").isEqualByComparingTo(afterFirst.spentCost());
        assertThat(afterSecond.committedCost()).isEqualByComparingTo("0.00045");
        assertThat(afterSecond.attemptsStarted()).isEqualTo(1);
    }

    @Test
    void decidingTwiceDecidesOnce() {
        models.answer(CHEAP, text("The answer is 41", 1000, 500));
        Run run = engine.start(TestRuns.run());
        engine.estimate.estimate(run.id());
        engine.execute.execute(run.id());

        DecideStep.DecideResult first = engine.decide.decide(run.id());
        RunSnapshot afterFirst = engine.load(run.id());
        DecideStep.DecideResult second = engine.decide.decide(run.id());

        assertThat(first.decided()).isEqualTo(1);
        assertThat(first.next()).isEqualTo(DecideStep.Next.EXECUTE);
        assertThat(second.decided()).isZero();
        assertThat(second.next()).isEqualTo(DecideStep.Next.EXECUTE);
        assertThat(second.open()).isEqualTo(1);
        RunSnapshot afterSecond = engine.load(run.id());
        assertThat(afterSecond.attempts()).isEqualTo(afterFirst.attempts());
        assertThat(afterSecond.items()).isEqualTo(afterFirst.items());
        assertThat(afterSecond.attempts().getFirst().decision().action()).isEqualTo(Action.RETRY);
    }

    @Test
    void anAttemptLeftStartedByACrashedInvocationIsClosedAsInterruptedChargedItsReservationAndTheItemGoesOn() {
        models.answer(CHEAP, text("42", 1000, 500));
        Run run = engine.start(TestRuns.run());
        engine.estimate.estimate(run.id());
        Item item = engine.item(run.id(), ITEM);
        BigDecimal reserve = engine.team.worstCaseCost(engine.ladder.tier(0),
                new TaskContext(run.objective(), item.input(), List.of()));
        Attempt crashed = Attempts.started(item, List.of(), engine.ladder, reserve, clock.instant());
        assertThat(engine.store.startAttempt(engine.run(run.id()), crashed)).isEqualTo(AttemptStart.STARTED);
        clock.advance(Duration.ofSeconds(5));

        assertThat(engine.execute.execute(run.id()).attempted()).isZero();

        Attempt interrupted = engine.attempts(run.id(), ITEM).getFirst();
        assertThat(interrupted.state()).isEqualTo(AttemptState.COMPLETED);
        assertThat(interrupted.failure()).isEqualTo(Attempts.INTERRUPTED);
        assertThat(interrupted.cost()).isEqualByComparingTo(reserve);
        assertThat(interrupted.durationMs()).isEqualTo(5000);
        assertThat(engine.run(run.id()).spentCost()).isEqualByComparingTo(reserve);
        assertThat(engine.run(run.id()).committedCost()).isEqualByComparingTo(reserve);
        assertThat(models.callCount()).isZero();

        engine.execute.execute(run.id());
        assertThat(engine.run(run.id()).spentCost()).as("charged once").isEqualByComparingTo(reserve);

        assertThat(engine.decide.decide(run.id()).decided()).isEqualTo(1);
        assertThat(engine.attempts(run.id(), ITEM).getFirst().decision().action()).isEqualTo(Action.RETRY);
        assertThat(engine.execute.execute(run.id()).attempted()).isEqualTo(1);
        assertThat(engine.decide.decide(run.id()).next()).isEqualTo(DecideStep.Next.FINALIZE);
        assertThat(engine.finalizer.finalizeRun(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);

        assertThat(engine.attempts(run.id(), ITEM)).extracting(Attempt::seq, Attempt::attemptAtTier)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 1), org.assertj.core.groups.Tuple.tuple(2, 2));
        assertThat(models.callCount()).isEqualTo(1);
        assertThat(models.promptsTo(CHEAP).getFirst().user()).contains("<error>" + Attempts.INTERRUPTED);
        assertThat(engine.run(run.id()).spentCost()).isEqualByComparingTo(reserve.add(new BigDecimal("0.00045")));
    }

    @Test
    void finalizingTwiceKeepsTheFirstOutcome() {
        models.answer(CHEAP, text("42", 1000, 500));
        Run run = engine.start(TestRuns.run());
        engine.runToEnd(run.id());
        Run first = engine.run(run.id());
        clock.advance(Duration.ofMinutes(5));

        FinalizeStep.FinalizeResult again = engine.finalizer.finalizeRun(run.id(), "engine error: late");

        assertThat(again.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(engine.run(run.id())).isEqualTo(first);
        assertThat(engine.item(run.id(), ITEM).status()).isEqualTo(ItemStatus.SUCCEEDED);
    }

    @Test
    void stepsOnAFinishedRunDoNothing() {
        models.answer(CHEAP, text("The answer is 41", 1000, 500));
        Run run = engine.start(TestRuns.run());
        engine.estimate.estimate(run.id());
        engine.execute.execute(run.id());
        engine.decide.decide(run.id());
        engine.finalizer.finalizeRun(run.id(), "stopped by the test");
        RunSnapshot finished = engine.load(run.id());

        assertThat(engine.execute.execute(run.id()).attempted()).isZero();
        assertThat(engine.decide.decide(run.id()).next()).isEqualTo(DecideStep.Next.FINALIZE);

        assertThat(models.callCount()).isEqualTo(1);
        assertThat(engine.load(run.id())).isEqualTo(finished);
        assertThat(finished.run().status()).isEqualTo(RunStatus.FAILED);
        assertThat(finished.items()).singleElement().satisfies(item -> {
            assertThat(item.status()).isEqualTo(ItemStatus.FAILED);
            assertThat(item.reason()).isEqualTo("stopped by the test");
        });
    }

    @Test
    void stepsRefuseARunStartedOnAnotherLadder() {
        Run run = engine.start(TestRuns.run());
        Engine changed = Engine.on(dynamoDb.client(), dynamoDb.uniqueTableName("runs"),
                TestLadders.parse(TestLadders.pricedJson("0.2", "0.6")), models, clock);

        assertThatThrownBy(() -> changed.estimate.estimate(run.id())).isInstanceOf(LadderChangedException.class)
                .hasMessageContaining("different ladder");
        assertThatThrownBy(() -> changed.execute.execute(run.id())).isInstanceOf(LadderChangedException.class);
        assertThatThrownBy(() -> changed.decide.decide(run.id())).isInstanceOf(LadderChangedException.class);
        assertThat(models.callCount()).isZero();
    }
}
