package io.escalator.engine;

import static io.escalator.testkit.ScriptedChatModels.Answer.text;
import static io.escalator.testkit.TestLadders.CAPABLE;
import static io.escalator.testkit.TestLadders.CHEAP;
import static io.escalator.testkit.TestLadders.PREMIUM;
import static io.escalator.testkit.TestLadders.PREMIUM_ANALYZER;
import static io.escalator.testkit.TestLadders.PREMIUM_REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.run.ItemStatus;
import io.escalator.run.Resolution;
import io.escalator.run.Run;
import io.escalator.workflow.RunRequestParser;
import io.escalator.run.RunStatus;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.RecordingOrchestrator;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.TestLadders;
import io.escalator.testkit.TestRuns;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A person's decision on a run the top tier could not finish: accept the partial result, retry once more, abort. */
@ExtendWith(DynamoDbLocalExtension.class)
class ResolutionTest {

    private static final String ITEM = RunRequestParser.SINGLE_ITEM_ID;

    private final MutableClock clock = MutableClock.at("2100-03-01T10:00:00Z");
    private final ScriptedChatModels models = new ScriptedChatModels();
    private final RecordingOrchestrator orchestrator = new RecordingOrchestrator();
    private Engine engine;
    private ResolutionService resolutions;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        engine = Engine.on(dynamoDb.client(), dynamoDb.uniqueTableName("runs"), TestLadders.priced(), models, clock);
        resolutions = new ResolutionService(engine.store, orchestrator, clock);
        models.answer(CHEAP, text("41", 100, 10)).answer(CAPABLE, text("43", 100, 10))
                .answer(PREMIUM_ANALYZER, text("they all missed", 100, 10))
                .answer(PREMIUM_REVIEWER, text("{\"confidence\": 0.2}", 100, 10));
    }

    private Run needingAHuman(TestRuns request) {
        models.answer(PREMIUM, text("44", 100, 10));
        Run run = engine.start(request);
        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.NEEDS_HUMAN);
        return run;
    }

    @Test
    void acceptingThePartialResultRecordsItAndTheRunIsDone() {
        Run run = needingAHuman(TestRuns.run());

        Run resolved = resolutions.resolve(run.id(), Resolution.Action.ACCEPT_PARTIAL, "good enough");

        assertThat(resolved.status()).isEqualTo(RunStatus.NEEDS_HUMAN);
        assertThat(resolved.resolution().action()).isEqualTo(Resolution.Action.ACCEPT_PARTIAL);
        assertThat(resolved.resolution().comment()).isEqualTo("good enough");
        assertThat(resolved.statusReason()).endsWith("; the partial result was accepted: good enough");
        assertThat(orchestrator.resolutions).containsExactly("accept-partial");
    }

    @Test
    void abortingCancelsTheRun() {
        Run run = needingAHuman(TestRuns.run());

        Run resolved = resolutions.resolve(run.id(), Resolution.Action.ABORT, "wrong question");

        assertThat(resolved.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(resolved.statusReason()).isEqualTo("aborted by a person: wrong question");
    }

    @Test
    void aRetryMakesOneMoreTopTierAttemptThatCanSucceed() {
        Run run = needingAHuman(TestRuns.run());
        models.answer(PREMIUM, text("42", 100, 10)).answer(PREMIUM_REVIEWER, text("{\"confidence\": 0.9}", 100, 10));

        Run resolved = resolutions.resolve(run.id(), Resolution.Action.RETRY_TOP_TIER, "try again");

        assertThat(resolved.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(engine.item(run.id(), ITEM).status()).isEqualTo(ItemStatus.OPEN);
        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(engine.attempts(run.id(), ITEM)).extracting(attempt -> attempt.tierName())
                .containsExactly("cheap", "cheap", "capable", "capable", "premium", "premium");
        assertThat(models.callCount(PREMIUM)).isEqualTo(2);
    }

    @Test
    void aRetryThatFailsAgainNeedsAHumanAgainAndTakesANewDecision() {
        Run run = needingAHuman(TestRuns.run());
        resolutions.resolve(run.id(), Resolution.Action.RETRY_TOP_TIER, null);

        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.NEEDS_HUMAN);

        Run again = engine.run(run.id());
        assertThat(again.resolution()).isNull();
        assertThat(resolutions.resolve(run.id(), Resolution.Action.ABORT, null).status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(engine.attempts(run.id(), ITEM)).hasSize(6);
    }

    @Test
    void aRetryStaysWithinTheBudget() {
        // the run's cap of 5 attempts is used up by the climb (2 + 2 + 1): no room for one more premium attempt
        Run run = needingAHuman(TestRuns.run().maxAttempts(5));
        Run resolved = resolutions.resolve(run.id(), Resolution.Action.RETRY_TOP_TIER, null);
        assertThat(resolved.status()).isEqualTo(RunStatus.RUNNING);

        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
        assertThat(engine.attempts(run.id(), ITEM)).hasSize(5);
        assertThat(engine.item(run.id(), ITEM).rule()).isEqualTo("budget-attempts");
    }

    @Test
    void theSameDecisionTwiceIsHarmlessAndAnyOtherIsAConflict() {
        Run run = needingAHuman(TestRuns.run());
        resolutions.resolve(run.id(), Resolution.Action.ACCEPT_PARTIAL, null);

        assertThat(resolutions.resolve(run.id(), Resolution.Action.ACCEPT_PARTIAL, null).status()).isEqualTo(RunStatus.NEEDS_HUMAN);
        assertThat(orchestrator.resolutions).hasSize(1);
        assertThatThrownBy(() -> resolutions.resolve(run.id(), Resolution.Action.RETRY_TOP_TIER, null))
                .isInstanceOf(RunStateConflictException.class)
                .hasMessageContaining("already resolved (accept-partial)");
    }

    @Test
    void aRunThatDoesNotNeedAPersonCannotBeResolved() {
        models.answer(CHEAP, text("42", 100, 10));
        Run run = engine.start(TestRuns.run());
        engine.driver.drive(run.id());

        assertThatThrownBy(() -> resolutions.resolve(run.id(), Resolution.Action.RETRY_TOP_TIER, null))
                .isInstanceOf(RunStateConflictException.class)
                .satisfies(e -> assertThat(((RunStateConflictException) e).status()).isEqualTo(RunStatus.SUCCEEDED));
    }

    @Test
    void ofTwoDifferentDecisionsArrivingTogetherExactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            Run run = needingAHuman(TestRuns.run());
            var start = new java.util.concurrent.CountDownLatch(1);
            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                var retry = threads.submit(() -> {
                    start.await();
                    return resolutions.resolve(run.id(), Resolution.Action.RETRY_TOP_TIER, null);
                });
                var abort = threads.submit(() -> {
                    start.await();
                    return resolutions.resolve(run.id(), Resolution.Action.ABORT, null);
                });
                start.countDown();
                int won = 0;
                for (var decision : List.of(retry, abort)) {
                    try {
                        decision.get();
                        won++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(RunStateConflictException.class);
                    }
                }
                assertThat(won).isEqualTo(1);
            }
            Run resolved = engine.run(run.id());
            boolean retried = resolved.resolution().action() == Resolution.Action.RETRY_TOP_TIER;
            assertThat(resolved.status()).isEqualTo(retried ? RunStatus.RUNNING : RunStatus.CANCELLED);
            assertThat(engine.item(run.id(), ITEM).status()).isEqualTo(retried ? ItemStatus.OPEN : ItemStatus.NEEDS_HUMAN);
        }
    }
}
