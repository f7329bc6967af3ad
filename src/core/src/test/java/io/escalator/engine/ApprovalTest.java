package io.escalator.engine;

import static io.escalator.testkit.ScriptedChatModels.Answer.text;
import static io.escalator.testkit.TestLadders.CAPABLE;
import static io.escalator.testkit.TestLadders.CHEAP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.run.PendingApproval;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.RecordingOrchestrator;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.TestLadders;
import io.escalator.testkit.TestRuns;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A run whose estimate is above its approval line waits for a person before any model is called. */
@ExtendWith(DynamoDbLocalExtension.class)
class ApprovalTest {

    private final MutableClock clock = MutableClock.at("2100-03-01T10:00:00Z");
    private final ScriptedChatModels models = new ScriptedChatModels();
    private final RecordingOrchestrator orchestrator = new RecordingOrchestrator();
    private Engine engine;
    private ApprovalService approvals;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        engine = Engine.on(dynamoDb.client(), dynamoDb.uniqueTableName("runs"), TestLadders.priced(), models, clock);
        approvals = new ApprovalService(engine.store, orchestrator, clock);
        models.answer(CHEAP, text("41", 1000, 500)).answer(CAPABLE, text("42", 2000, 400));
    }

    @Test
    void aRunEstimatedAboveItsLineWaitsForApprovalAndCallsNoModel() {
        Run run = engine.start(TestRuns.run().autoApproveUnder("0"));

        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.AWAITING_APPROVAL);

        Run waiting = engine.run(run.id());
        assertThat(waiting.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(waiting.approval().deadline()).isEqualTo(clock.instant().plus(Engine.APPROVAL_DEADLINE));
        assertThat(waiting.estimateJson()).isNotNull();
        assertThat(models.callCount()).isZero();
        assertThat(engine.steps).containsExactly(run.id() + ":Estimate", run.id() + ":WaitForApproval");
    }

    @Test
    void aRunEstimatedUnderItsLineGoesAheadWithoutWaiting() {
        Run run = engine.start(TestRuns.run().autoApproveUnder("100"));

        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.SUCCEEDED);

        assertThat(engine.steps).containsExactly(steps(run, "Estimate", "ExecuteTier", "Decide", "ExecuteTier",
                "Decide", "ExecuteTier", "Decide", "Finalize"));
    }

    @Test
    void anApprovedRunGoesOnFromWhereItWaitedUntilAnEscalationPassesWhatWasApproved() {
        Run run = engine.start(TestRuns.run().autoApproveUnder("0"));
        engine.driver.drive(run.id());
        BigDecimal estimated = engine.run(run.id()).approval().pending().projectedTotal();

        Run approved = approvals.decide(run.id(), true, "fine by me");

        assertThat(approved.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(approved.approval().approved()).isTrue();
        assertThat(approved.approval().comment()).isEqualTo("fine by me");
        assertThat(approved.approval().approvedUpTo()).isEqualByComparingTo(estimated);
        assertThat(approved.approval().pending()).isNull();
        assertThat(orchestrator.approvals).containsExactly(run.id() + ":true");
        // the cheap tier fails twice; moving to capable costs more than the estimate that was approved
        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(engine.run(run.id()).approval().pending().kind()).isEqualTo(PendingApproval.Kind.ESCALATION);
        approvals.decide(run.id(), true, null);
        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(engine.steps).containsExactly(steps(run, "Estimate", "WaitForApproval", "ExecuteTier", "Decide",
                "ExecuteTier", "Decide", "WaitForApproval", "ExecuteTier", "Decide", "Finalize"));
    }

    @Test
    void aRejectedRunIsCancelledWithoutAnyModelCall() {
        Run run = engine.start(TestRuns.run().autoApproveUnder("0"));
        engine.driver.drive(run.id());

        approvals.decide(run.id(), false, "too expensive");

        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.CANCELLED);
        Run cancelled = engine.run(run.id());
        assertThat(cancelled.statusReason()).isEqualTo("approval rejected: too expensive");
        assertThat(cancelled.totals().totalCost()).isZero();
        assertThat(models.callCount()).isZero();
        assertThat(engine.steps).containsExactly(steps(run, "Estimate", "WaitForApproval", "Finalize"));
    }

    @Test
    void decidingTwiceTheSameWayIsHarmlessAndOtherwiseAConflict() {
        Run run = engine.start(TestRuns.run().autoApproveUnder("0"));
        engine.driver.drive(run.id());
        approvals.decide(run.id(), true, null);

        assertThat(approvals.decide(run.id(), true, null).status()).isEqualTo(RunStatus.RUNNING);
        assertThat(orchestrator.approvals).hasSize(1);
        assertThatThrownBy(() -> approvals.decide(run.id(), false, null))
                .isInstanceOf(RunStateConflictException.class)
                .satisfies(e -> assertThat(((RunStateConflictException) e).status()).isEqualTo(RunStatus.RUNNING));
    }

    @Test
    void anApprovalForARunThatNeverWaitedIsAConflict() {
        Run run = engine.start(TestRuns.run().autoApproveUnder("100"));

        assertThatThrownBy(() -> approvals.decide(run.id(), true, null)).isInstanceOf(RunStateConflictException.class);
    }

    @Test
    void aRunStillWaitingWhenItsDeadlinePassesIsCancelledByFinalize() {
        Run run = engine.start(TestRuns.run().autoApproveUnder("0"));
        engine.driver.drive(run.id());
        clock.advance(Engine.APPROVAL_DEADLINE.plus(Duration.ofMinutes(1)));

        assertThat(engine.finalizer.finalizeRun(run.id(), "States.Timeout").status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(engine.run(run.id()).statusReason()).isEqualTo("approval was not given: States.Timeout");
        assertThat(models.callCount()).isZero();
    }

    @Test
    void aRunEndingForAHumanAnnouncesTheWaitForOne() {
        models.answer(CAPABLE, text("43", 2000, 400)).answer(TestLadders.PREMIUM, text("44", 100, 10))
                .answer(TestLadders.PREMIUM_ANALYZER, text("analysis", 100, 10))
                .answer(TestLadders.PREMIUM_REVIEWER, text("{\"confidence\": 0.1}", 100, 10));
        Run run = engine.start(TestRuns.run());

        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.NEEDS_HUMAN);

        assertThat(engine.steps).endsWith(run.id() + ":Finalize", run.id() + ":WaitForHuman");
    }

    private static String[] steps(Run run, String... names) {
        return java.util.Arrays.stream(names).map(name -> run.id() + ":" + name).toArray(String[]::new);
    }
}
