package io.escalator.bench;

import io.escalator.analytics.RollupRecorder;
import io.escalator.dynamodb.local.EmbeddedDynamoDb;
import io.escalator.engine.CostEstimator;
import io.escalator.engine.DecideStep;
import io.escalator.engine.EstimateStep;
import io.escalator.engine.ExecuteTierStep;
import io.escalator.engine.FinalizeStep;
import io.escalator.engine.RunService;
import io.escalator.ladder.Ladder;
import io.escalator.local.LocalDriver;
import io.escalator.model.AgentTeam;
import io.escalator.run.RunSpec;
import io.escalator.run.RunStatus;
import io.escalator.store.DynamoDbClients;
import io.escalator.store.EscalatorTable;
import io.escalator.store.HistoryStore;
import io.escalator.store.RunStore;
import io.escalator.store.TelemetryStore;
import io.escalator.telemetry.TelemetryRecorder;
import io.escalator.testkit.Engine;
import io.escalator.testkit.RecordingOrchestrator;
import io.escalator.testkit.TestLadders;
import io.escalator.testkit.TestRuns;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.jboss.logmanager.LogContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A benchmark, not a test: the local stack's overhead per attempt, everything but the model call and the gate. The
 * engine is wired as the tests wire it ({@link Engine}) and as the local stack runs it: the store, history and
 * telemetry on DynamoDB Local (the loopback server in this JVM, in memory or persisted in a directory, through the
 * URL-connection client the stack uses), the four steps driven by the {@link LocalDriver}, models that answer at
 * once ({@link InstantModels}) and one {@code contains} gate. The ladder is the tests' priced three-tier ladder and
 * every run has a $1 cost cap, so every reservation and budget check runs.
 *
 * <p>Each run has 5 items: 3 pass on the cheap tier at once, 1 on capable (after 2 attempts on cheap), 1 on premium
 * (2 on cheap, 2 on capable, then the full agent team): 11 attempts in 5 rounds. {@code N} clients each create a run
 * (as POST /runs does) and drive it to its end (as the local driver does), again and again, for N = 1, 10 and 50.
 * Reported per level:
 * <ul>
 * <li>attempts/s: attempts made over the wall time, everything included (creating, estimating, finalizing runs);</li>
 * <li>attempt latency, median and p99: from the start of the ExecuteTier that made an attempt to the end of the Decide
 * that decided it, the time an item waits on the engine per attempt (every item of a round waits the same);</li>
 * <li>DynamoDB calls per attempt and their time, per operation (an {@link DynamoDbCalls} interceptor on the client);</li>
 * <li>CPU per attempt by thread: DynamoDB Local's server threads, the engine (steps, SDK client, attempts), the JVM.</li>
 * </ul>
 *
 * <pre>
 * ./mvnw -B -q -pl src/core -am -Pbench -DskipTests process-test-classes \
 *     -Dexec.mainClass=io.escalator.bench.EngineOverheadBenchmark -Dexec.args="memory 1,10,50"
 * </pre>
 * Arguments: {@code memory}, {@code disk} or {@code both} (DynamoDB Local's {@code -inMemory} or {@code -dbPath}); the
 * levels of concurrent runs; optionally the runs per level (default: 30, or 3 per client when more) and the warm-up
 * runs (default 500, on 10 clients: about a minute; the JIT is not done before).
 */
public final class EngineOverheadBenchmark {

    private static final String TABLE = "bench";
    /** Runs before measuring: the JIT is still busy after a few hundred (DynamoDB Local, the SDK, the engine). */
    private static final int WARMUP_RUNS = 500;
    private static final int WARMUP_CLIENTS = 10;
    private static final int ATTEMPTS_PER_RUN = 11;

    private final DynamoDbCalls calls;
    private final RunService runs;
    private final LocalDriver driver;
    /** Per client thread: when the current round's ExecuteTier started, and how many attempts it made. */
    private final ThreadLocal<long[]> round = ThreadLocal.withInitial(() -> new long[2]);
    private final ConcurrentLinkedQueue<Long> attemptNanos = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> runNanos = new ConcurrentLinkedQueue<>();
    private final AtomicLong attempts = new AtomicLong();

    private EngineOverheadBenchmark(DynamoDbClient client, DynamoDbCalls calls) {
        this.calls = calls;
        EscalatorTable.createIfMissing(client, TABLE);
        Ladder ladder = TestLadders.priced();
        Clock clock = Clock.systemUTC();
        RunStore store = new RunStore(client, TABLE, Duration.ofDays(30));
        HistoryStore history = new HistoryStore(client, TABLE);
        TelemetryStore telemetry = new TelemetryStore(client, TABLE, Duration.ofDays(90));
        InstantModels models = new InstantModels();
        AgentTeam team = new AgentTeam(models);
        CostEstimator estimator = new CostEstimator(history, team, ladder, Engine.EXPECTED_OUTPUT_TOKENS);
        EstimateStep estimate = new EstimateStep(store, estimator, ladder, Engine.WORKFLOWS, clock, Engine.APPROVAL_DEADLINE);
        ExecuteTierStep execute = new ExecuteTierStep(store, team, ladder, Engine.WORKFLOWS, clock, Engine.ITEM_PARALLELISM) {
            @Override
            public ExecuteResult execute(String runId) {
                long started = System.nanoTime();
                ExecuteResult result = super.execute(runId);
                long[] current = round.get();
                current[0] = started;
                current[1] = result.attempted();
                return result;
            }
        };
        DecideStep decide = new DecideStep(store, team, ladder, Engine.WORKFLOWS, clock, estimator,
                Engine.APPROVAL_DEADLINE, new TelemetryRecorder(telemetry)) {
            @Override
            public DecideResult decide(String runId) {
                DecideResult result = super.decide(runId);
                long[] current = round.get();
                long nanos = System.nanoTime() - current[0];
                for (int i = 0; i < current[1]; i++) {
                    attemptNanos.add(nanos);
                }
                attempts.addAndGet(current[1]);
                current[1] = 0;
                return result;
            }
        };
        FinalizeStep finalizer = new FinalizeStep(store, ladder, clock, new RollupRecorder(history), models);
        this.driver = new LocalDriver(estimate, execute, decide, finalizer, store, ladder, List.of());
        this.runs = new RunService(store, ladder, Engine.WORKFLOWS, clock, new RecordingOrchestrator(), estimator,
                new BigDecimal("1.00"));
    }

    public static void main(String[] args) throws Exception {
        String storage = args.length > 0 ? args[0] : "memory";
        int[] levels = Arrays.stream((args.length > 1 ? args[1] : "1,10,50").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Integer runsPerLevel = args.length > 2 ? Integer.valueOf(args[2]) : null;
        int warmupRuns = args.length > 3 ? Integer.parseInt(args[3]) : WARMUP_RUNS;
        logAsTheLocalStack();
        System.out.printf("Engine overhead per attempt: %d cores, %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        for (String mode : storage.equals("both") ? List.of("memory", "disk") : List.of(storage)) {
            measure(mode, levels, runsPerLevel, warmupRuns);
        }
        System.exit(0); // DynamoDB Local's threads would keep exec:java waiting
    }

    /**
     * The local stack's log levels (src/local-stack's microprofile-config.properties): INFO, DynamoDB Local at ERROR
     * and its Jetty at WARN. Left unconfigured, as under exec:java, the log manager lets everything through: DynamoDB
     * Local would format two INFO lines per request and Jetty its DEBUG lines, work the local stack never does.
     */
    private static void logAsTheLocalStack() {
        LogContext logs = LogContext.getLogContext();
        logs.getLogger("").setLevel(Level.INFO);
        logs.getLogger("com.amazonaws.services.dynamodbv2.local").setLevel(Level.SEVERE);
        logs.getLogger("org.eclipse.jetty").setLevel(Level.WARNING);
    }

    private static void measure(String mode, int[] levels, Integer runsPerLevel, int warmupRuns) throws Exception {
        Path directory = mode.equals("disk") ? Files.createTempDirectory("escalator-bench-") : null;
        DynamoDbCalls calls = new DynamoDbCalls();
        try (EmbeddedDynamoDb server = directory == null ? EmbeddedDynamoDb.startInMemory()
                : EmbeddedDynamoDb.startPersistent(directory);
             DynamoDbClient client = client(server, calls)) {
            EngineOverheadBenchmark bench = new EngineOverheadBenchmark(client, calls);
            System.out.printf("%nDynamoDB Local %s%n", directory == null ? "in memory (-inMemory)" : "on disk (-dbPath)");
            bench.level(WARMUP_CLIENTS, warmupRuns, false);
            for (int clients : levels) {
                bench.level(clients, runsPerLevel != null ? runsPerLevel : Math.max(30, 3 * clients), true);
            }
        } finally {
            if (directory != null) {
                deleteQuietly(directory);
            }
        }
    }

    private static DynamoDbClient client(EmbeddedDynamoDb server, DynamoDbCalls calls) {
        return DynamoDbClients.localBuilder(server.endpoint(), "us-east-1")
                .overrideConfiguration(c -> c.addExecutionInterceptor(calls))
                .build();
    }

    /** {@code clients} threads run {@code total} runs between them, each driving one run at a time to its end. */
    private void level(int clients, int total, boolean report) throws Exception {
        attemptNanos.clear();
        runNanos.clear();
        attempts.set(0);
        calls.reset();
        Map<Long, Long> cpuBefore = cpuByThread();
        long processCpuBefore = processCpuNanos();
        long gcBefore = gcMillis();
        long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        AtomicInteger remaining = new AtomicInteger(total);
        AtomicInteger threadNumber = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients,
                task -> new Thread(task, "bench-client-" + threadNumber.incrementAndGet()));
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                while (remaining.getAndDecrement() > 0) {
                    runOne();
                }
                return null;
            }));
        }
        for (Future<?> client : done) {
            client.get();
        }
        long wall = System.nanoTime() - started;
        long processCpu = processCpuNanos() - processCpuBefore;
        long gc = gcMillis() - gcBefore;
        long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore;
        Map<String, Long> cpu = cpuByThreadGroup(cpuBefore);
        pool.shutdown();
        if (!report) {
            return;
        }
        long made = attempts.get();
        System.out.printf("%n%d concurrent runs: %d runs, %d attempts in %.2f s: %.0f attempts/s%n", clients, total, made,
                wall / 1e9, made / (wall / 1e9));
        System.out.printf("  attempt latency (ExecuteTier start to decision stored): median %.1f ms, p99 %.1f ms%n",
                percentile(attemptNanos, 0.50), percentile(attemptNanos, 0.99));
        System.out.printf("  run latency (create to finalized, 11 attempts): median %.1f ms, p99 %.1f ms%n",
                percentile(runNanos, 0.50), percentile(runNanos, 0.99));
        Map<String, DynamoDbCalls.Figures> figures = calls.snapshot();
        long callCount = figures.values().stream().mapToLong(DynamoDbCalls.Figures::calls).sum();
        long callNanos = figures.values().stream().mapToLong(DynamoDbCalls.Figures::nanos).sum();
        System.out.printf("  DynamoDB: %.2f calls per attempt (%.1f per run), %.2f ms of calls per attempt (summed over threads)%n",
                (double) callCount / made, (double) callCount / total, callNanos / 1e6 / made);
        figures.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, DynamoDbCalls.Figures> e) -> e.getValue().nanos()).reversed())
                .forEach(entry -> System.out.printf(Locale.ROOT, "    %-18s %5.2f per attempt (%4.1f per run), %6.2f ms each, %4.1f%% of call time%s%n",
                        entry.getKey(), (double) entry.getValue().calls() / made, (double) entry.getValue().calls() / total,
                        entry.getValue().nanos() / 1e6 / entry.getValue().calls(),
                        100.0 * entry.getValue().nanos() / callNanos,
                        entry.getValue().failures() == 0 ? "" : " (" + entry.getValue().failures() + " cancelled or refused)"));
        cpu.put("the JVM's own (GC, JIT) and ended threads",
                processCpu - cpu.values().stream().mapToLong(Long::longValue).sum());
        System.out.printf("  CPU: %.2f ms per attempt (the process kept %.0f%% of the cores busy):%n",
                processCpu / 1e6 / made, 100.0 * processCpu / wall / Runtime.getRuntime().availableProcessors());
        cpu.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> System.out.printf("    %-42s %6.2f ms per attempt%n", entry.getKey(),
                        entry.getValue() / 1e6 / made));
        System.out.printf("    (of which: GC %.2f ms, JIT compiling %.2f ms per attempt, both in elapsed time)%n",
                (double) gc / made, (double) jit / made);
    }

    private void runOne() {
        long started = System.nanoTime();
        String runId = runs.create(spec()).id();
        RunStatus status = driver.drive(runId);
        runNanos.add(System.nanoTime() - started);
        if (status != RunStatus.SUCCEEDED) {
            throw new IllegalStateException("run " + runId + " ended " + status + ", not SUCCEEDED");
        }
    }

    private static RunSpec spec() {
        return TestRuns.run()
                .objective("Answer each question with a number, and show the number in digits.")
                .item("q1", "What is six times seven? " + InstantModels.goodAt("cheap"))
                .item("q2", "What is fifty minus eight? " + InstantModels.goodAt("cheap"))
                .item("q3", "What is the sum of twenty and twenty-two? " + InstantModels.goodAt("cheap"))
                .item("q4", "How many gallons are in 159 litres, rounded to a whole number? " + InstantModels.goodAt("capable"))
                .item("q5", "What is the answer to life, the universe and everything? " + InstantModels.goodAt("premium"))
                .maxCost("1.00")
                .spec();
    }

    /**
     * CPU time of the JVM's live threads by what they do: DynamoDB Local's server (its Jetty threads and their
     * SQLite calls), the engine (the client threads running the steps, and the carrier threads of the virtual
     * threads that make the attempts), and the JVM itself (compilers, GC) with anything else.
     */
    private static Map<Long, Long> cpuByThread() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos > 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    /** The CPU time each group of live threads used since {@code before} (threads that ended meanwhile are lost). */
    private static Map<String, Long> cpuByThreadGroup(Map<Long, Long> before) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new HashMap<>();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                cpu.merge(group(info.getThreadName()), nanos - before.getOrDefault(info.getThreadId(), 0L), Long::sum);
            }
        }
        return cpu;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String group(String thread) {
        if (thread.startsWith("bench-client-") || thread.startsWith("ForkJoinPool")) {
            return "engine and its DynamoDB client";
        }
        if (thread.startsWith("qtp") || thread.startsWith("SQLite")) {
            return "DynamoDB Local";
        }
        return "other threads";
    }

    private static double percentile(ConcurrentLinkedQueue<Long> samples, double share) {
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e);
        }
    }
}
