package io.escalator.analytics;

import io.escalator.cost.TierHistory;
import io.escalator.dynamodb.local.EmbeddedDynamoDb;
import io.escalator.policy.BudgetLimits;
import io.escalator.run.Run;
import io.escalator.store.DynamoDbClients;
import io.escalator.store.EscalatorTable;
import io.escalator.store.HistoryStore;
import io.escalator.store.RunStore;
import io.escalator.store.TelemetryStore;
import io.escalator.telemetry.CallRecord;
import io.escalator.testkit.StoreRecords;
import io.escalator.testkit.TestLadders;
import io.escalator.workflow.PromptWorkflow;
import io.escalator.workflow.Workflows;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A benchmark, not a test: analytics over a month of history on DynamoDB Local (the loopback server, in memory).
 * Seeds {@code runs} runs over 30 days, each with {@code callsPerRun} telemetry records (100,000 by default) and its
 * rollup, then times GET /analytics's service call and, for comparison, reading the same month's raw telemetry.
 *
 * <pre>
 * ./mvnw -B -q -pl src/core -am -Pbench -DskipTests process-test-classes \
 *     -Dexec.mainClass=io.escalator.analytics.AnalyticsBenchmark -Dexec.args="10000 10"
 * </pre>
 */
public final class AnalyticsBenchmark {

    private static final int DAYS = 30;
    private static final int REPEATS = 20;

    private AnalyticsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int callsPerRun = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Instant end = Instant.parse("2100-03-31T00:00:00Z");
        try (EmbeddedDynamoDb server = EmbeddedDynamoDb.startInMemory();
             DynamoDbClient client = DynamoDbClients.forLocal(server.endpoint(), "us-east-1")) {
            EscalatorTable.createIfMissing(client, "bench");
            RunStore store = new RunStore(client, "bench", Duration.ofDays(30));
            HistoryStore history = new HistoryStore(client, "bench");
            TelemetryStore telemetry = new TelemetryStore(client, "bench", Duration.ofDays(90));

            long seedStart = System.nanoTime();
            ExecutorService seeders = Executors.newFixedThreadPool(4);
            List<Future<?>> seeded = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                int run = i;
                Instant at = end.minus(Duration.ofDays(DAYS)).plusSeconds((long) i * DAYS * 86_400 / runs);
                seeded.add(seeders.submit(() -> seed(store, history, telemetry, "run-" + run, at, callsPerRun,
                        new Random(run))));
            }
            for (int i = 0; i < seeded.size(); i++) {
                seeded.get(i).get();
                if ((i + 1) % 1000 == 0) {
                    System.out.printf("seeded %d runs%n", i + 1);
                }
            }
            seeders.shutdown();
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

            // analytics reads only the workflows' names: the prompt workflow's gates are never built here
            Workflows workflows = new Workflows(List.of(new PromptWorkflow(null)));
            AnalyticsService analytics = new AnalyticsService(history, workflows, TestLadders.priced(),
                    Clock.fixed(end, ZoneOffset.UTC), new Recommendations.Thresholds(20, 0.2, 0.95, 10));
            Analytics result = null;
            long[] analyticsNanos = new long[REPEATS];
            for (int r = 0; r < REPEATS; r++) {
                long start = System.nanoTime();
                result = analytics.analytics("prompt", "2100-03-01", "2100-03-30");
                analyticsNanos[r] = System.nanoTime() - start;
            }
            long[] rawNanos = new long[3];
            int rawRecords = 0;
            for (int r = 0; r < rawNanos.length; r++) {
                long start = System.nanoTime();
                rawRecords = telemetry.calls("prompt", end.minus(Duration.ofDays(DAYS)), end).size();
                rawNanos[r] = System.nanoTime() - start;
            }
            System.out.printf("seeded %d runs, %d telemetry records in %.1f s (%.2f ms per run: run, rollup, telemetry)%n",
                    runs, (long) runs * callsPerRun, seedSeconds, seedSeconds * 1000 / runs);
            System.out.printf("analytics, 30 days: median %.1f ms, max %.1f ms over %d calls (runs %d, items %d, cost $%s)%n",
                    median(analyticsNanos), max(analyticsNanos), REPEATS, result.runs(), result.items(), result.totalCost());
            System.out.printf("for comparison, reading the month's %d raw telemetry records: median %.1f ms%n",
                    rawRecords, median(rawNanos));
        }
        System.exit(0); // DynamoDB Local's threads would keep exec:java waiting
    }

    private static void seed(RunStore store, HistoryStore history, TelemetryStore telemetry, String runId, Instant at,
                             int callsPerRun, Random random) {
        Run run = StoreRecords.run(runId, at, BudgetLimits.NONE);
        store.createRun(run, List.of(StoreRecords.openItem(runId, "a"), StoreRecords.openItem(runId, "b")));
        boolean escalated = random.nextInt(4) == 0;
        BigDecimal cheapCost = new BigDecimal("0.00045").multiply(BigDecimal.valueOf(escalated ? 4 : 2));
        BigDecimal capableCost = escalated ? new BigDecimal("0.012") : BigDecimal.ZERO;
        List<TierHistory> tiers = new ArrayList<>();
        tiers.add(new TierHistory(0, "cheap", 2, escalated ? 1 : 2, escalated ? 1 : 0, escalated ? 4 : 2,
                escalated ? 4 : 2, 2000, cheapCost, new BigDecimal("200"), Map.of(1, 2L, 2, escalated ? 2L : 0L),
                Map.of(1, escalated ? 1L : 2L)));
        if (escalated) {
            tiers.add(new TierHistory(1, "capable", 1, 1, 0, 1, 1, 400, capableCost, new BigDecimal("100"),
                    Map.of(1, 1L), Map.of(1, 1L)));
        }
        BigDecimal cost = cheapCost.add(capableCost);
        history.rollUp(runId, StoreRecords.FINGERPRINT, new RunRollup("prompt", LocalDate.ofInstant(at, ZoneOffset.UTC),
                1, 2, 2, cost, new BigDecimal("0.105"), tiers));
        List<CallRecord> calls = new ArrayList<>();
        for (int c = 0; c < callsPerRun; c++) {
            calls.add(new CallRecord("prompt", runId, c % 2 == 0 ? "a" : "b", c / 2 + 1, 0, "generator", 0, "cheap",
                    "cheap-model", "openai", 1000, 500, new BigDecimal("0.00045"), 800, CallRecord.ANSWERED, 100,
                    "SUCCEED", false, null, at.plusMillis(c)));
        }
        telemetry.write(calls);
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static double max(long[] nanos) {
        return Arrays.stream(nanos).max().orElse(0) / 1e6;
    }
}
