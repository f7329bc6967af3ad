package io.escalator.local;

import static io.escalator.testkit.ScriptedChatModels.Answer.text;
import static io.escalator.testkit.TestLadders.CAPABLE;
import static io.escalator.testkit.TestLadders.CHEAP;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.analytics.RollupRecorder;
import io.escalator.engine.FinalizeStep;
import io.escalator.ladder.Ladder;
import io.escalator.model.ChatModels;
import io.escalator.model.TaskContext;
import io.escalator.run.Attempt;
import io.escalator.run.Item;
import io.escalator.run.ItemStatus;
import io.escalator.run.Run;
import io.escalator.run.RunSnapshot;
import io.escalator.run.RunStatus;
import io.escalator.store.RunStore;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.TestLadders;
import io.escalator.testkit.TestRuns;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

@ExtendWith(DynamoDbLocalExtension.class)
class LocalDriverTest {

    private static final String WRONG = "The answer is 41";

    private final ScriptedChatModels models = new ScriptedChatModels();
    private final MutableClock clock = MutableClock.at("2100-03-01T10:00:00Z");
    private DynamoDbLocal dynamoDb;

    @BeforeEach
    void keep(DynamoDbLocal dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    private Engine engine(Ladder ladder) {
        return Engine.on(dynamoDb.client(), dynamoDb.uniqueTableName("runs"), ladder, models, clock);
    }

    @Test
    void driveRunsARunToItsEndInTheCallingThreadAndReturnsItsStatus() {
        models.answer(CHEAP, "question a", text("42", 1000, 500))
                .answer(CHEAP, "question b", text(WRONG, 1000, 500))
                .answer(CAPABLE, text("42", 2000, 400));
        Engine engine = engine(TestLadders.priced());
        Run run = engine.start(TestRuns.run().item("a", "question a").item("b", "question b"));

        RunStatus status = engine.driver.drive(run.id());

        assertThat(status).isEqualTo(RunStatus.SUCCEEDED);
        RunSnapshot finished = engine.load(run.id());
        assertThat(finished.run().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(finished.run().estimateJson()).isNotNull();
        assertThat(finished.run().totals()).isNotNull();
        assertThat(finished.items()).extracting(Item::status).containsOnly(ItemStatus.SUCCEEDED);
        assertThat(finished.attemptsOf("a")).hasSize(1);
        assertThat(finished.attemptsOf("b")).extracting(Attempt::tierName).containsExactly("cheap", "cheap", "capable");
    }

    @Test
    void drivingAFinishedRunAgainChangesNothing() {
        models.answer(CHEAP, text("42", 1000, 500));
        Engine engine = engine(TestLadders.priced());
        Run run = engine.start(TestRuns.run());
        engine.driver.drive(run.id());
        RunSnapshot finished = engine.load(run.id());

        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.SUCCEEDED);

        assertThat(engine.load(run.id())).isEqualTo(finished);
        assertThat(models.callCount()).isEqualTo(1);
    }

    @Test
    void aRunStartedOnAnotherLadderIsClosedFailedWithTheReason() {
        Engine before = engine(TestLadders.priced());
        Run run = before.start(TestRuns.run().item("a", "question a").item("b", "question b"));
        Engine after = Engine.on(dynamoDb.client(), dynamoDb.uniqueTableName("runs"),
                TestLadders.parse(TestLadders.pricedJson("0.10", "0.40")), models, clock);

        RunStatus status = after.driver.drive(run.id());

        assertThat(status).isEqualTo(RunStatus.FAILED);
        Run closed = after.run(run.id());
        assertThat(closed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(closed.statusReason()).contains("different ladder").contains("cannot be resumed");
        assertThat(after.load(run.id()).items()).allSatisfy(item -> {
            assertThat(item.status()).isEqualTo(ItemStatus.FAILED);
            assertThat(item.reason()).contains("ladder");
        });
        assertThat(models.callCount()).isZero();
    }

    @Test
    void anEngineErrorClosesTheRunFailedWithTheError() {
        models.answer(CHEAP, "question a", text("42", 1000, 500));
        Engine engine = engine(TestLadders.priced());
        Run run = engine.start(TestRuns.run().item("a", "question a").item("b", "question b"));

        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.FAILED);

        assertThat(engine.run(run.id()).statusReason()).startsWith("engine error: ").contains("no answer scripted");
    }

    @Test
    void aRunIsDrivenByOneDriverAtATime() throws Exception {
        CountDownLatch modelCalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        models.answer(CHEAP, text("42", 1000, 500)).onEveryCall(() -> {
            modelCalled.countDown();
            await(release);
        });
        Engine engine = engine(TestLadders.priced());
        Run run = engine.start(TestRuns.run());
        CompletableFuture<RunStatus> first = CompletableFuture.supplyAsync(() -> engine.driver.drive(run.id()));
        await(modelCalled);

        RunStatus second = engine.driver.drive(run.id());

        assertThat(second).as("left to the driver already on it").isEqualTo(RunStatus.RUNNING);
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(models.callCount()).isEqualTo(1);
    }

    @Test
    void resumeUnfinishedDrivesEveryRunningRunToItsEnd() throws Exception {
        models.answer(CHEAP, text("42", 1000, 500));
        CountDownLatch ended = new CountDownLatch(2);
        Ladder ladder = TestLadders.priced();
        Engine engine = Engine.builder(dynamoDb.client(), dynamoDb.uniqueTableName("runs")).ladder(ladder).models(models)
                .clock(clock).finalizer((store, rollups) -> new SignallingFinalizeStep(store, ladder, clock, rollups, models, ended))
                .build();
        Run first = engine.start(TestRuns.run());
        Run second = engine.start(TestRuns.run());
        engine.estimate.estimate(second.id());
        engine.execute.execute(second.id());
        Run done = engine.start(TestRuns.run());
        engine.estimate.estimate(done.id());
        engine.execute.execute(done.id());
        engine.decide.decide(done.id());
        new FinalizeStep(engine.store, ladder, clock, new RollupRecorder(engine.history), engine.models)
                .finalizeRun(done.id());
        RunSnapshot doneBefore = engine.load(done.id());
        int callsBefore = models.callCount();

        try {
            engine.driver.resumeUnfinished();
            assertThat(ended.await(30, TimeUnit.SECONDS)).as("both runs ended").isTrue();
        } finally {
            engine.driver.stop();
        }

        assertThat(engine.run(first.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(engine.run(second.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(engine.load(second.id()).attempts()).hasSize(1);
        assertThat(engine.load(done.id())).as("a finished run is left alone").isEqualTo(doneBefore);
        assertThat(models.callCount() - callsBefore).as("one call for the first run, none again for the second").isEqualTo(1);
    }

    @Test
    void aRunWhoseItemsWaitForTheBudgetInTurnIsNotTakenForAStuckOne() {
        // The budget holds one worst-case reservation at a time, and each model call holds its reservation until every
        // other item of the round has tried and been refused: one item gets its attempt per round, so the run needs as
        // many rounds as it has items (24), more than its tiers' attempts (3 + 6 + 1) allow one item.
        int items = 24;
        ReservationTries tries = new ReservationTries();
        models.answer(CHEAP, text("42", 0, 0)).onEveryCall(() -> {
            int round = models.callCount();
            // rounds 1..round each had (items - r + 1) due items, one reservation try each
            tries.awaitAtLeast(round * (items + 1) - round * (round + 1) / 2);
        });
        Engine engine = Engine.on(tries.wrap(dynamoDb.client()), dynamoDb.uniqueTableName("runs"), TestLadders.priced(),
                models, clock);
        TestRuns request = TestRuns.run();
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            inputs.add("question " + (10 + i));
            request.item("item-" + (10 + i), "question " + (10 + i));
        }
        List<BigDecimal> reserves = inputs.stream().map(input -> engine.team.worstCaseCost(engine.ladder.tier(0),
                new TaskContext(request.spec().objective(), input, List.of()))).toList();
        BigDecimal largest = reserves.stream().max(Comparator.naturalOrder()).orElseThrow();
        BigDecimal smallest = reserves.stream().min(Comparator.naturalOrder()).orElseThrow();
        BigDecimal maxCost = largest.multiply(new BigDecimal("1.5"));
        assertThat(smallest.multiply(BigDecimal.TWO)).as("precondition: two never fit").isGreaterThan(maxCost);
        Run run = engine.start(request.maxCost(maxCost));

        RunStatus status = engine.driver.drive(run.id());

        assertThat(status).as(engine.run(run.id()).statusReason()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(engine.load(run.id()).items()).hasSize(items).extracting(Item::status).containsOnly(ItemStatus.SUCCEEDED);
        assertThat(models.callCount()).isEqualTo(items);
        assertThat(engine.load(run.id()).attempts()).hasSize(items);
    }

    /** Counts attempt reservations (started or refused) made through a client, and lets a thread wait for a count. */
    private static final class ReservationTries {
        private int count;

        DynamoDbClient wrap(DynamoDbClient real) {
            return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                    new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("transactWriteItems")) {
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                        TransactWriteItemsRequest request = args[0] instanceof TransactWriteItemsRequest given ? given
                                : buildFrom(args[0]);
                        boolean reservation = request.transactItems().stream().anyMatch(item -> item.put() != null
                                && "STARTED".equals(item.put().item().getOrDefault("state", AttributeValue.fromS("")).s()));
                        try {
                            return real.transactWriteItems(request);
                        } finally {
                            if (reservation) {
                                counted();
                            }
                        }
                    });
        }

        @SuppressWarnings("unchecked")
        private static TransactWriteItemsRequest buildFrom(Object consumer) {
            TransactWriteItemsRequest.Builder builder = TransactWriteItemsRequest.builder();
            ((java.util.function.Consumer<TransactWriteItemsRequest.Builder>) consumer).accept(builder);
            return builder.build();
        }

        private synchronized void counted() {
            count++;
            notifyAll();
        }

        synchronized void awaitAtLeast(int expected) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (count < expected) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("only " + count + " of " + expected + " reservation tries happened");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The finalize step, telling the test when a run has ended. */
    static final class SignallingFinalizeStep extends FinalizeStep {
        private final CountDownLatch ended;

        SignallingFinalizeStep(RunStore store, Ladder ladder, Clock clock, RollupRecorder rollups, ChatModels models,
                               CountDownLatch ended) {
            super(store, ladder, clock, rollups, models);
            this.ended = ended;
        }

        @Override
        public FinalizeResult finalizeRun(String runId, String failure) {
            try {
                return super.finalizeRun(runId, failure);
            } finally {
                ended.countDown();
            }
        }
    }
}
