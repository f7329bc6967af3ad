package io.escalator.retention;

import static io.escalator.testkit.ScriptedChatModels.Answer.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.analytics.Analytics;
import io.escalator.analytics.AnalyticsService;
import io.escalator.analytics.Recommendations;
import io.escalator.analytics.RollupRecorder;
import io.escalator.engine.FinalizeStep;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.store.HistoryStore;
import io.escalator.telemetry.CallRecord;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.TestLadders;
import io.escalator.testkit.TestRuns;
import io.escalator.validation.FieldError;
import io.escalator.validation.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The retention job deletes exactly the runs past retention and cancels approvals past their deadline. */
@ExtendWith(DynamoDbLocalExtension.class)
class CleanupServiceTest {

    private final MutableClock clock = MutableClock.at("2100-01-01T00:00:00Z");
    private final ScriptedChatModels models = new ScriptedChatModels();
    private Engine engine;
    private String table;
    private CleanupService cleanup;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        table = dynamoDb.uniqueTableName("runs");
        engine = Engine.on(dynamoDb.client(), table, TestLadders.priced(), models, clock);
        cleanup = new CleanupService(engine.store, engine.telemetry, new RollupRecorder(engine.history), engine.finalizer,
                Engine.WORKFLOWS, clock, new CleanupService.Retention(30, 90));
        models.answer(TestLadders.CHEAP, text("42", 100, 10));
    }

    @Test
    void runsOlderThanTheRetentionAreDeletedWithEverythingOfThemAndNewerOnesStay() {
        Run old = finishedRun();
        clock.advance(Duration.ofDays(20));
        Run recent = finishedRun();
        clock.advance(Duration.ofDays(15));

        CleanupService.CleanupReport report = cleanup.clean();

        assertThat(report.deletedRuns()).isEqualTo(1);
        assertThat(engine.store.findRun(old.id())).isEmpty();
        assertThat(engine.store.findRun(recent.id())).isPresent();
        assertThat(engine.load(recent.id()).attempts()).hasSize(1);
        assertThat(engine.store.listRuns(10, null).runs()).extracting(Run::id).containsExactly(recent.id());
    }

    @Test
    void olderThanZeroDaysDeletesEveryRunAndASecondCleanupFindsNothing() {
        finishedRun();
        finishedRun();
        clock.advance(Duration.ofSeconds(1));

        assertThat(cleanup.clean(0, null).deletedRuns()).isEqualTo(2);
        assertThat(cleanup.clean(0, null).deletedRuns()).isZero();
    }

    @Test
    void runsWaitingForApprovalPastTheirDeadlineAreCancelledAndOthersKeepWaiting() {
        Run overdue = engine.start(TestRuns.run().autoApproveUnder("0"));
        engine.driver.drive(overdue.id());
        clock.advance(Engine.APPROVAL_DEADLINE.minus(Duration.ofHours(1)));
        Run fresh = engine.start(TestRuns.run().autoApproveUnder("0"));
        engine.driver.drive(fresh.id());
        clock.advance(Duration.ofHours(2));

        assertThat(cleanup.clean().cancelledApprovals()).isEqualTo(1);

        assertThat(engine.run(overdue.id()).status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(engine.run(overdue.id()).statusReason()).startsWith("approval was not given: the deadline of");
        assertThat(engine.run(fresh.id()).status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(models.callCount()).isZero();
    }

    @Test
    void telemetryOlderThanItsOwnRetentionIsDeletedAndNewerStays() {
        finishedRun();
        clock.advance(Duration.ofDays(60));
        Run recent = finishedRun();
        clock.advance(Duration.ofDays(31));

        CleanupService.CleanupReport report = cleanup.clean();

        assertThat(report.deletedRuns()).isEqualTo(2);
        assertThat(report.deletedTelemetry()).isEqualTo(1);
        assertThat(engine.telemetry.calls("prompt", Instant.EPOCH, clock.instant()))
                .extracting(CallRecord::runId).containsExactly(recent.id());
    }

    @Test
    void analyticsSurviveTheDeletionOfTheirRuns() {
        finishedRun();
        engine.driver.drive(engine.start(TestRuns.run().item("a", "question a").item("b", "question b")).id());
        AnalyticsService analytics = new AnalyticsService(engine.history, Engine.WORKFLOWS, engine.ladder, clock,
                new Recommendations.Thresholds(20, 0.2, 0.95, 10));
        Analytics before = analytics.analytics("prompt", null, null);
        clock.advance(Duration.ofSeconds(1));

        assertThat(cleanup.clean(0, 0).deletedRuns()).isEqualTo(2);

        assertThat(engine.store.listRuns(10, null).runs()).isEmpty();
        assertThat(analytics.analytics("prompt", null, null)).isEqualTo(before);
        assertThat(before.runs()).isEqualTo(2);
        assertThat(before.items()).isEqualTo(3);
    }

    @Test
    void aRunWhoseFiguresWereNotAddedWhenItEndedIsRolledUpBeforeItIsDeleted(DynamoDbLocal dynamoDb) {
        Engine unrecorded = Engine.builder(dynamoDb.client(), table)
                .ladder(TestLadders.priced()).models(models).clock(clock)
                .finalizer((store, rollups) -> new FinalizeStep(store, TestLadders.priced(), clock,
                        new RollupRecorder(new HistoryStore(dynamoDb.client(), "no-such-table")), models))
                .build();
        Run run = unrecorded.start(TestRuns.run());
        unrecorded.driver.drive(run.id());
        assertThat(engine.history.tierHistory("prompt", engine.ladder.fingerprint())).isEmpty();
        clock.advance(Duration.ofSeconds(1));

        CleanupService.CleanupReport report = cleanup.clean(0, null);

        assertThat(report.rolledUpRuns()).isEqualTo(1);
        assertThat(engine.history.tierHistory("prompt", engine.ladder.fingerprint()).get(0).attempts()).isEqualTo(1);
    }

    @Test
    void negativeDaysAreRefusedNamingTheField() {
        assertThatThrownBy(() -> cleanup.clean(-1, -2))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("olderThanDays", "telemetryOlderThanDays"));
    }

    private Run finishedRun() {
        Run run = engine.start(TestRuns.run());
        engine.driver.drive(run.id());
        return run;
    }
}
