package io.escalator.local;

import static io.escalator.testkit.ScriptedChatModels.Answer.text;
import static io.escalator.testkit.TestLadders.CAPABLE;
import static io.escalator.testkit.TestLadders.CHEAP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.escalator.dynamodb.local.EmbeddedDynamoDb;
import io.escalator.ladder.Ladder;
import io.escalator.model.TaskContext;
import io.escalator.run.Attempt;
import io.escalator.run.AttemptState;
import io.escalator.run.Item;
import io.escalator.run.ItemStatus;
import io.escalator.run.Run;
import io.escalator.run.RunSnapshot;
import io.escalator.run.RunStatus;
import io.escalator.store.AttemptStart;
import io.escalator.store.DynamoDbClients;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.StoreRecords;
import io.escalator.testkit.TestLadders;
import io.escalator.testkit.TestRuns;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local stack stops in the middle of a run (DynamoDB Local and every service go away) and starts again on the
 * same data directory: the run goes on from where it stopped, with no attempt lost, repeated or charged twice.
 */
class LocalDriverRestartTest {

    private static final String TABLE = "escalator";
    private static final String WRONG = "The answer is 41";

    private final MutableClock clock = MutableClock.at("2100-03-01T10:00:00Z");

    @Test
    void aRunCutShortByARestartFinishesAfterItWithNoAttemptLostOrRepeated(@TempDir Path dataDir) throws Exception {
        Ladder ladder = TestLadders.priced();
        ScriptedChatModels firstProcess = new ScriptedChatModels()
                .answer(CHEAP, "question a", text(WRONG, 1000, 500))
                .answer(CHEAP, "question b", text("42", 1000, 500))
                .answer(CHEAP, "question c", text(WRONG, 1000, 500));
        String runId;
        BigDecimal crashedReserve;
        RunSnapshot beforeRestart;
        try (EmbeddedDynamoDb server = EmbeddedDynamoDb.startPersistent(dataDir);
             DynamoDbClient client = DynamoDbClients.forLocal(server.endpoint(), "us-east-1")) {
            Engine engine = Engine.on(client, TABLE, ladder, firstProcess, clock);
            Run run = engine.start(TestRuns.run().item("a", "question a").item("b", "question b").item("c", "question c"));
            runId = run.id();
            engine.estimate.estimate(runId);
            engine.execute.execute(runId);
            engine.decide.decide(runId);
            // the second round has reserved item c's attempt when the process dies, before the model answers
            List<Attempt> cHistory = engine.load(runId).attemptsOf("c");
            crashedReserve = engine.team.worstCaseCost(ladder.tier(0), new TaskContext(run.objective(), "question c", cHistory));
            assertThat(engine.store.startAttempt(engine.run(runId),
                    StoreRecords.started(runId, "c", 2, crashedReserve, clock.instant()))).isEqualTo(AttemptStart.STARTED);
            beforeRestart = engine.load(runId);
        }
        assertThat(beforeRestart.attempts()).extracting(Attempt::itemId, Attempt::seq, Attempt::state, Attempt::isDecided)
                .containsExactly(
                        tuple("a", 1, AttemptState.COMPLETED, true),
                        tuple("b", 1, AttemptState.COMPLETED, true),
                        tuple("c", 1, AttemptState.COMPLETED, true),
                        tuple("c", 2, AttemptState.STARTED, false));
        assertThat(firstProcess.callCount()).isEqualTo(3);

        clock.advance(Duration.ofMinutes(3));
        ScriptedChatModels secondProcess = new ScriptedChatModels()
                .answer(CHEAP, "question a", text(WRONG, 1000, 500))
                .answer(CAPABLE, text("42", 2000, 400));
        CountDownLatch ended = new CountDownLatch(1);
        try (EmbeddedDynamoDb server = EmbeddedDynamoDb.startPersistent(dataDir);
             DynamoDbClient client = DynamoDbClients.forLocal(server.endpoint(), "us-east-1")) {
            Engine engine = Engine.builder(client, TABLE).ladder(ladder).models(secondProcess).clock(clock)
                    .finalizer((store, rollups) -> new LocalDriverTest.SignallingFinalizeStep(store, ladder, clock, rollups,
                            secondProcess, ended))
                    .build();
            assertThat(engine.store.runsWithStatus(RunStatus.RUNNING)).extracting(Run::id).containsExactly(runId);
            assertThat(engine.load(runId)).as("everything stored survived the restart").isEqualTo(beforeRestart);

            try {
                engine.driver.resumeUnfinished();
                assertThat(ended.await(30, TimeUnit.SECONDS)).as("the resumed run ended").isTrue();
            } finally {
                engine.driver.stop();
            }

            RunSnapshot finished = engine.load(runId);
            assertThat(finished.run().status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(finished.items()).extracting(Item::id, Item::status, Item::tierIndex).containsExactly(
                    tuple("a", ItemStatus.SUCCEEDED, 1), tuple("b", ItemStatus.SUCCEEDED, 0), tuple("c", ItemStatus.SUCCEEDED, 1));
            for (Attempt before : beforeRestart.attempts().subList(0, 3)) {
                assertThat(finished.attemptsOf(before.itemId()).get(before.seq() - 1))
                        .as("the first process's attempt %s#%d is kept as it was", before.itemId(), before.seq())
                        .isEqualTo(before);
            }
            assertThat(finished.attemptsOf("a")).extracting(Attempt::seq, Attempt::tierName)
                    .containsExactly(tuple(1, "cheap"), tuple(2, "cheap"), tuple(3, "capable"));
            assertThat(finished.attemptsOf("b")).hasSize(1);
            assertThat(finished.attemptsOf("c")).extracting(Attempt::seq, Attempt::tierName, Attempt::failure, Attempt::cost)
                    .containsExactly(
                            tuple(1, "cheap", null, new BigDecimal("0.00045")),
                            tuple(2, "cheap", "interrupted: the invocation running this attempt ended before its outcome "
                                    + "was recorded; the reserved worst-case cost is charged, as the provider may have "
                                    + "billed the call", crashedReserve),
                            tuple(3, "capable", null, new BigDecimal("0.012")));
            assertThat(finished.attempts()).allSatisfy(attempt -> {
                assertThat(attempt.isCompleted()).isTrue();
                assertThat(attempt.isDecided()).isTrue();
            });
            assertThat(secondProcess.callCount(CHEAP, "question b")).as("b's answer was kept, not asked again").isZero();
            assertThat(secondProcess.callCount(CHEAP, "question c")).as("c's interrupted attempt is not called again").isZero();
            assertThat(secondProcess.callCount(CHEAP, "question a")).isEqualTo(1);
            assertThat(secondProcess.callCount(CAPABLE, "question a")).isEqualTo(1);
            assertThat(secondProcess.callCount(CAPABLE, "question c")).isEqualTo(1);
            BigDecimal attemptCosts = finished.attempts().stream().map(Attempt::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(attemptCosts).isEqualByComparingTo(new BigDecimal("0.00045").multiply(BigDecimal.valueOf(4))
                    .add(new BigDecimal("0.024")).add(crashedReserve));
            assertThat(finished.run().spentCost()).isEqualByComparingTo(attemptCosts);
            assertThat(finished.run().committedCost()).isEqualByComparingTo(attemptCosts);
            assertThat(finished.run().attemptsStarted()).isEqualTo(finished.attempts().size());
            assertThat(finished.run().totals().totalCost()).isEqualByComparingTo(attemptCosts);
        }
    }

    @Test
    void aRunStartedOnALadderThatChangedAcrossTheRestartIsClosedFailed(@TempDir Path dataDir) {
        String runId;
        try (EmbeddedDynamoDb server = EmbeddedDynamoDb.startPersistent(dataDir);
             DynamoDbClient client = DynamoDbClients.forLocal(server.endpoint(), "us-east-1")) {
            Engine engine = Engine.on(client, TABLE, TestLadders.priced(),
                    new ScriptedChatModels().answer(CHEAP, text(WRONG, 1000, 500)), clock);
            runId = engine.start(TestRuns.run()).id();
            engine.estimate.estimate(runId);
            engine.execute.execute(runId);
        }

        ScriptedChatModels models = new ScriptedChatModels().answer(CHEAP, text("42", 1000, 500));
        try (EmbeddedDynamoDb server = EmbeddedDynamoDb.startPersistent(dataDir);
             DynamoDbClient client = DynamoDbClients.forLocal(server.endpoint(), "us-east-1")) {
            Ladder cheaper = TestLadders.parse(TestLadders.pricedJson("0.10", "0.40"));
            Engine engine = Engine.on(client, TABLE, cheaper, models, clock);

            assertThat(engine.driver.drive(runId)).isEqualTo(RunStatus.FAILED);

            Run closed = engine.run(runId);
            assertThat(closed.statusReason()).contains("ladder");
            assertThat(closed.totals().totalCost()).as("priced on the ladder it ran on").isEqualByComparingTo("0.00045");
            assertThat(engine.load(runId).items()).singleElement()
                    .satisfies(item -> assertThat(item.status()).isEqualTo(ItemStatus.FAILED));
            assertThat(models.callCount()).isZero();
            assertThat(engine.store.runsWithStatus(RunStatus.RUNNING)).isEmpty();
        }
    }
}
