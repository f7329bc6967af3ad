package io.escalator.local;

import static io.escalator.testkit.ScriptedChatModels.Answer.text;
import static io.escalator.testkit.TestLadders.CAPABLE;
import static io.escalator.testkit.TestLadders.CHEAP;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.run.Attempt;
import io.escalator.run.Run;
import io.escalator.run.RunSnapshot;
import io.escalator.run.RunStatus;
import io.escalator.store.DynamoDbClients;
import io.escalator.store.EscalatorTable;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testing.FaultyStoreProxy;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.TestRuns;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB faults between the engine and a real DynamoDB Local (a loopback proxy injects them): throttling is
 * absorbed, a store that goes away mid-run stops the run cleanly, and the run resumes when the store is back. In
 * every case no attempt is lost or made twice (each model call is one recorded attempt) and the run's spend is the
 * sum of its recorded attempts' costs.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class StoreFaultsTest {

    private static final String WRONG = "The answer is 41";

    private final MutableClock clock = MutableClock.at("2100-03-01T10:00:00Z");
    private final ScriptedChatModels models = new ScriptedChatModels()
            .answer(CHEAP, "hard", text(WRONG, 1000, 200))
            .answer(CHEAP, "easy", text("42", 1000, 200))
            .answer(CAPABLE, "hard", text("42", 1000, 200));
    private FaultyStoreProxy proxy;
    private DynamoDbClient client;
    private Engine engine;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        String table = dynamoDb.uniqueTableName("runs");
        EscalatorTable.createIfMissing(dynamoDb.client(), table);
        proxy = FaultyStoreProxy.to(dynamoDb.endpoint());
        client = proxiedClient(proxy);
        engine = Engine.builder(client, table).models(models).clock(clock).build();
    }

    @AfterEach
    void close() {
        client.close();
        proxy.close();
    }

    @Test
    void throttlingOfEveryThirdRequestIsAbsorbedAndEveryAttemptIsRecordedOnce() {
        Run run = engine.start(itemsHardAndEasy(6));
        proxy.throttle(request -> request % 3 == 0);

        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.SUCCEEDED);

        assertThat(proxy.faults()).as("requests throttled").isGreaterThan(20);
        assertNothingLostOrRepeated(engine.load(run.id()));
    }

    @Test
    void aStoreThatGoesAwayMidRunStopsTheRunCleanlyAndItResumesWhenTheStoreIsBack() {
        Run run = engine.start(itemsHardAndEasy(6));
        proxy.downAfter(12);

        assertThat(engine.driver.drive(run.id())).as("the run stops, still RUNNING").isEqualTo(RunStatus.RUNNING);
        int callsBeforeTheOutage = models.callCount();
        assertThat(callsBeforeTheOutage).as("models called before the store went away").isPositive();
        assertThat(proxy.isDown()).isTrue();

        proxy.restore();
        engine.driver.resumeUnfinished();
        RunSnapshot resumed = awaitEnd(run.id());

        assertThat(resumed.run().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(models.callCount()).isGreaterThan(callsBeforeTheOutage);
        assertNothingLostOrRepeated(resumed);
    }

    @Test
    void resumingWhileTheStoreIsStillDownChangesNothingAndALaterResumeFinishes() {
        Run run = engine.start(itemsHardAndEasy(2));
        proxy.down();

        engine.driver.resumeUnfinished();
        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.RUNNING);
        assertThat(models.callCount()).isZero();

        proxy.restore();
        engine.driver.resumeUnfinished();
        RunSnapshot resumed = awaitEnd(run.id());
        assertThat(resumed.run().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertNothingLostOrRepeated(resumed);
    }

    /** Each model call is one recorded attempt, numbered without gaps per item, and the spend is their sum. */
    private void assertNothingLostOrRepeated(RunSnapshot snapshot) {
        List<Attempt> attempts = snapshot.attempts();
        assertThat(attempts).hasSize(models.callCount());
        Map<String, List<Integer>> seqs = attempts.stream().collect(Collectors.groupingBy(Attempt::itemId,
                Collectors.mapping(Attempt::seq, Collectors.toList())));
        seqs.forEach((item, numbers) -> assertThat(numbers).as("attempts of %s", item)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, numbers.size()).boxed().toList()));
        BigDecimal recorded = attempts.stream().map(Attempt::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(snapshot.run().spentCost()).isEqualByComparingTo(recorded);
        assertThat(snapshot.run().committedCost()).isEqualByComparingTo(recorded);
    }

    private RunSnapshot awaitEnd(String runId) {
        for (int i = 0; i < 300; i++) {
            RunSnapshot snapshot = engine.load(runId);
            if (snapshot.run().status().isTerminal()) {
                return snapshot;
            }
            io.escalator.support.Pause.sleep(Duration.ofMillis(100), "waiting for the run to end");
        }
        throw new AssertionError("run " + runId + " did not end: " + engine.load(runId).run());
    }

    private static TestRuns itemsHardAndEasy(int count) {
        TestRuns run = TestRuns.run();
        for (int i = 0; i < count; i++) {
            run.item("i" + i, (i % 2 == 0 ? "hard" : "easy") + " question " + i);
        }
        return run;
    }

    /** The engine's client, with the SDK's retries kept few and short so that an outage reaches the engine quickly. */
    private static DynamoDbClient proxiedClient(FaultyStoreProxy proxy) {
        return DynamoDbClients.localBuilder(proxy.endpoint(), "us-east-1")
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(3)
                        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(10), Duration.ofMillis(100)))
                        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(10), Duration.ofMillis(100)))
                        .circuitBreakerEnabled(false)
                        .build()))
                .build();
    }
}
