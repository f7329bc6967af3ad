package io.escalator.analytics;

import io.escalator.dynamodb.local.EmbeddedDynamoDb;
import io.escalator.ladder.Ladder;
import io.escalator.store.DynamoDbClients;
import io.escalator.store.EscalatorTable;
import io.escalator.store.TelemetryStore;
import io.escalator.telemetry.CallRecord;
import io.escalator.testkit.Engine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A benchmark, not a test: {@code GET /analytics/ladder}'s service call over a month of telemetry on DynamoDB Local
 * (the loopback server, in memory). Seeds {@code items} prompt items over 30 days on a three-tier ladder (55% solved
 * by the first tier, 25% by the second, 12% by the top, 5% given up on at the top, 3% stopped by their budget; about
 * 2.6 records an item), then times the suggestion with each read limit given, the read alone, and the suggestion
 * from the records already in memory.
 *
 * <pre>
 * ./mvnw -B -q -pl src/core -am -Pbench -DskipTests process-test-classes \
 *     -Dexec.mainClass=io.escalator.analytics.TelemetryLadderBenchmark -Dexec.args="39000 2000 10000 20000 200000"
 * </pre>
 */
public final class TelemetryLadderBenchmark {

    private static final int DAYS = 30;
    private static final int REPEATS = 5;

    private TelemetryLadderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 39_000;
        int[] limits = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {10_000};
        Instant end = Instant.parse("2100-03-31T00:00:00Z");
        Ladder ladder = LadderFiles.keyed();
        try (EmbeddedDynamoDb server = EmbeddedDynamoDb.startInMemory();
             DynamoDbClient client = DynamoDbClients.forLocal(server.endpoint(), "us-east-1")) {
            EscalatorTable.createIfMissing(client, "bench");
            TelemetryStore telemetry = new TelemetryStore(client, "bench", Duration.ofDays(90));

            long seedStart = System.nanoTime();
            ExecutorService seeders = Executors.newFixedThreadPool(4);
            List<Future<Integer>> seeded = new ArrayList<>();
            int batch = 100;
            for (int from = 0; from < items; from += batch) {
                int first = from;
                int last = Math.min(from + batch, items);
                seeded.add(seeders.submit(() -> seed(telemetry, ladder, first, last, items, end)));
            }
            long records = 0;
            for (Future<Integer> done : seeded) {
                records += done.get();
            }
            seeders.shutdown();
            System.out.printf("seeded %d items, %d telemetry records in %.1f s%n", items, records,
                    (System.nanoTime() - seedStart) / 1e9);

            for (int limit : limits) {
                TelemetryLadderService service = new TelemetryLadderService(telemetry, Engine.WORKFLOWS, ladder,
                        () -> LadderFiles.KEYED, Clock.fixed(end, ZoneOffset.UTC),
                        new TelemetryLadderService.Limits(100, limit, 90));
                long[] nanos = new long[REPEATS];
                TelemetryLadderSuggestion answer = null;
                for (int r = 0; r < REPEATS; r++) {
                    long start = System.nanoTime();
                    answer = service.suggest("prompt", "30");
                    nanos[r] = System.nanoTime() - start;
                }
                long[] readNanos = new long[REPEATS];
                List<CallRecord> read = List.of();
                for (int r = 0; r < REPEATS; r++) {
                    long start = System.nanoTime();
                    read = RecentCalls.newest(List.of(telemetry.newestFirst("prompt", end.minus(Duration.ofDays(DAYS)),
                            end, Math.min(limit + 1, 1000))), limit + 1).calls();
                    readNanos[r] = System.nanoTime() - start;
                }
                long[] memoryNanos = inMemory(client, read, ladder, end, limit);
                System.out.printf("read limit %d: median %.0f ms, max %.0f ms over %d calls (the read alone: median %.0f"
                                + " ms; the rest, from records in memory: median %.0f ms); %d records read, %d items"
                                + " used, %d left out; suggested %s, %.2f%% less per item%n",
                        limit, median(nanos), max(nanos), REPEATS, median(readNanos), median(memoryNanos),
                        answer.basis().callsRead(), answer.basis().items(),
                        answer.basis().itemsLeftOut().stream().mapToInt(TelemetryLadderSuggestion.LeftOutItems::items).sum(),
                        answer.suggested().tiers().stream().map(TelemetryLadderSuggestion.TierFigure::tier).toList(),
                        answer.suggested().savingsPercent());
            }
        }
        System.exit(0); // DynamoDB Local's threads would keep exec:java waiting
    }

    /** The same suggestion from records already in memory: what is not DynamoDB's read. */
    private static long[] inMemory(DynamoDbClient client, List<CallRecord> records, Ladder ladder, Instant end, int limit) {
        TelemetryStore inMemory = new TelemetryStore(client, "bench", Duration.ofDays(90)) {
            @Override
            public Stream<CallRecord> newestFirst(String workflow, Instant from, Instant to, int pageSize) {
                return records.stream();
            }
        };
        TelemetryLadderService service = new TelemetryLadderService(inMemory, Engine.WORKFLOWS, ladder,
                () -> LadderFiles.KEYED, Clock.fixed(end, ZoneOffset.UTC), new TelemetryLadderService.Limits(100, limit, 90));
        long[] nanos = new long[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            long start = System.nanoTime();
            service.suggest("prompt", "30");
            nanos[r] = System.nanoTime() - start;
        }
        return nanos;
    }

    /** Items {@code [first, last)}, spread evenly over the month; returns the records written. */
    private static int seed(TelemetryStore telemetry, Ladder ladder, int first, int last, int items, Instant end) {
        List<CallRecord> records = new ArrayList<>();
        for (int i = first; i < last; i++) {
            Random random = new Random(i);
            Instant at = end.minus(Duration.ofDays(DAYS)).plusMillis((long) i * DAYS * 86_400_000L / items);
            ItemTelemetry item = ItemTelemetry.item(ladder, "run-" + i / 4, "item-" + i % 4, at);
            int outcome = random.nextInt(100);
            if (outcome < 55) {
                item.attempt("cheap", "SUCCEED", "0.0002");
            } else {
                item.attempt("cheap", "RETRY", "0.0002").attempt("cheap", "ESCALATE", "0.0002");
                if (outcome < 80) {
                    item.attempt("capable", "SUCCEED", "0.006");
                } else if (outcome < 97) {
                    item.attempt("capable", "RETRY", "0.006").attempt("capable", "ESCALATE", "0.006")
                            .attempt("premium", outcome < 92 ? "SUCCEED" : "NEEDS_HUMAN", "0.09");
                } else {
                    item.attempt("capable", "BUDGET_EXHAUSTED", "0.006");
                }
            }
            records.addAll(item.records());
        }
        telemetry.write(records);
        return records.size();
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
