package io.escalator.retention;

import static io.escalator.testkit.ScriptedChatModels.Answer.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.TestLadders;
import io.escalator.testkit.TestRuns;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The retention job deletes exactly the runs past retention and cancels approvals past their deadline. */
@ExtendWith(DynamoDbLocalExtension.class)
class CleanupServiceTest {

    private final MutableClock clock = MutableClock.at("2100-01-01T00:00:00Z");
    private final ScriptedChatModels models = new ScriptedChatModels();
    private Engine engine;
    private CleanupService cleanup;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        engine = Engine.on(dynamoDb.client(), dynamoDb.uniqueTableName("runs"), TestLadders.priced(), models, clock);
        cleanup = new CleanupService(engine.store, engine.finalizer, clock, 30);
        models.answer(TestLadders.CHEAP, text("42", 100, 10));
    }

    @Test
    void runsOlderThanTheRetentionAreDeletedWithEverythingOfThemAndNewerOnesStay() {
        Run old = engine.start(TestRuns.run());
        engine.driver.drive(old.id());
        clock.advance(Duration.ofDays(20));
        Run recent = engine.start(TestRuns.run());
        engine.driver.drive(recent.id());
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
        engine.driver.drive(engine.start(TestRuns.run()).id());
        engine.driver.drive(engine.start(TestRuns.run()).id());
        clock.advance(Duration.ofSeconds(1));

        assertThat(cleanup.clean(0).deletedRuns()).isEqualTo(2);
        assertThat(cleanup.clean(0).deletedRuns()).isZero();
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
}
