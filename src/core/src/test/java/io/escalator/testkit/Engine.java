package io.escalator.testkit;

import io.escalator.engine.CostEstimator;
import io.escalator.engine.DecideStep;
import io.escalator.engine.EstimateStep;
import io.escalator.engine.ExecuteTierStep;
import io.escalator.engine.FinalizeStep;
import io.escalator.engine.RunService;
import io.escalator.ladder.Ladder;
import io.escalator.local.LocalDriver;
import io.escalator.model.AgentTeam;
import io.escalator.model.ChatModels;
import io.escalator.run.Attempt;
import io.escalator.run.Item;
import io.escalator.run.Run;
import io.escalator.run.RunSnapshot;
import io.escalator.run.RunSpec;
import io.escalator.store.EscalatorTable;
import io.escalator.analytics.RollupRecorder;
import io.escalator.store.HistoryStore;
import io.escalator.store.RunStore;
import io.escalator.store.TelemetryStore;
import io.escalator.telemetry.TelemetryRecorder;
import io.escalator.testgen.TestGenWorkflow;
import io.escalator.workflow.PromptWorkflow;
import io.escalator.workflow.Workflows;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The engine wired by hand, as the CDI container would, over one table: store, agent team on scripted models, the
 * four steps, the local driver and the run service. The run service's orchestrator does nothing: tests drive runs
 * themselves, step by step or with {@link #driver}.
 */
public final class Engine {

    public static final int EXPECTED_OUTPUT_TOKENS = 400;
    public static final int ITEM_PARALLELISM = 16;
    /** High enough that no test run waits for approval unless it sets its own, lower line. */
    public static final BigDecimal DEFAULT_AUTO_APPROVE_UNDER = new BigDecimal("1000");
    public static final Duration APPROVAL_DEADLINE = Duration.ofHours(24);
    /** The workflows of the engine tests: the generic prompt workflow and test generation, on a real sandbox. */
    public static final Workflows WORKFLOWS = new Workflows(List.of(new PromptWorkflow(TestSandboxes.GATES),
            new TestGenWorkflow(TestSandboxes.GATES)));

    public final RunStore store;
    public final HistoryStore history;
    public final TelemetryStore telemetry;
    public final Ladder ladder;
    public final ScriptedChatModels models;
    public final Workflows workflows;
    public final AgentTeam team;
    public final Clock clock;
    public final CostEstimator estimator;
    public final EstimateStep estimate;
    public final ExecuteTierStep execute;
    public final DecideStep decide;
    public final FinalizeStep finalizer;
    public final LocalDriver driver;
    public final RunService runs;
    /** Every step the driver started, "runId:Step", in order. */
    public final List<String> steps = new CopyOnWriteArrayList<>();

    private Engine(RunStore store, HistoryStore history, TelemetryStore telemetry, Ladder ladder,
                   ScriptedChatModels models, ChatModels chatModels, Workflows workflows, Clock clock,
                   int itemParallelism, FinalizeStep finalizer) {
        this.store = store;
        this.history = history;
        this.telemetry = telemetry;
        this.ladder = ladder;
        this.models = models;
        this.workflows = workflows;
        this.clock = clock;
        ChatModels engineModels = chatModels != null ? chatModels : models;
        this.team = new AgentTeam(engineModels);
        this.estimator = new CostEstimator(history, team, ladder, EXPECTED_OUTPUT_TOKENS);
        this.estimate = new EstimateStep(store, estimator, ladder, workflows, clock, APPROVAL_DEADLINE);
        this.execute = new ExecuteTierStep(store, team, ladder, workflows, clock, itemParallelism);
        this.decide = new DecideStep(store, team, ladder, workflows, clock, estimator, APPROVAL_DEADLINE,
                new TelemetryRecorder(telemetry));
        this.finalizer = finalizer != null ? finalizer : new FinalizeStep(store, ladder, clock, new RollupRecorder(history),
                engineModels);
        this.driver = new LocalDriver(estimate, execute, decide, this.finalizer, store, ladder, List.of((runId, step) -> steps.add(runId + ":" + step)));
        this.runs = new RunService(store, ladder, workflows, clock, new RecordingOrchestrator(), estimator,
                DEFAULT_AUTO_APPROVE_UNDER);
    }

    /** Creates the table if needed and wires an engine on it. */
    public static Engine on(DynamoDbClient client, String table, Ladder ladder, ScriptedChatModels models, Clock clock) {
        return builder(client, table).ladder(ladder).models(models).clock(clock).build();
    }

    public static Builder builder(DynamoDbClient client, String table) {
        return new Builder(client, table);
    }

    public Run start(TestRuns request) {
        return start(request.spec());
    }

    public Run start(RunSpec spec) {
        return runs.start(spec);
    }

    /** A run started by a user, known by the keyed hash of their id. */
    public Run startAs(String userHash, TestRuns request) {
        return runs.start(request.spec(), userHash, null);
    }

    /**
     * Runs a stored run through its steps in this thread, the way the state machine does (Estimate, then ExecuteTier
     * and Decide until no item is open, then Finalize), and returns its final status.
     */
    public io.escalator.run.RunStatus runToEnd(String runId) {
        estimate.estimate(runId);
        for (int round = 0; round < 100; round++) {
            execute.execute(runId);
            if (decide.decide(runId).next() == DecideStep.Next.FINALIZE) {
                return finalizer.finalizeRun(runId).status();
            }
        }
        throw new AssertionError("run " + runId + " did not end in 100 rounds");
    }

    public RunSnapshot load(String runId) {
        return store.load(runId);
    }

    public Run run(String runId) {
        return store.findRun(runId).orElseThrow();
    }

    public Item item(String runId, String itemId) {
        return load(runId).items().stream().filter(item -> item.id().equals(itemId)).findFirst().orElseThrow();
    }

    public List<Attempt> attempts(String runId, String itemId) {
        return load(runId).attemptsOf(itemId);
    }

    public static final class Builder {
        private final DynamoDbClient client;
        private final String table;
        private Ladder ladder = TestLadders.priced();
        private ScriptedChatModels models = new ScriptedChatModels();
        private ChatModels chatModels;
        private Workflows workflows = WORKFLOWS;
        private Clock clock = MutableClock.at("2100-03-01T10:00:00Z");
        private int itemParallelism = ITEM_PARALLELISM;
        private java.util.function.BiFunction<RunStore, RollupRecorder, FinalizeStep> finalizer;
        private String telemetryTable;

        private Builder(DynamoDbClient client, String table) {
            this.client = client;
            this.table = table;
        }

        public Builder ladder(Ladder value) {
            this.ladder = value;
            return this;
        }

        public Builder models(ScriptedChatModels value) {
            this.models = value;
            return this;
        }

        /** Chat models other than the scripted ones (e.g. the replay provider's); {@link #models} then goes unused. */
        public Builder chatModels(ChatModels value) {
            this.chatModels = value;
            return this;
        }

        public Builder workflows(Workflows value) {
            this.workflows = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder itemParallelism(int value) {
            this.itemParallelism = value;
            return this;
        }

        /** Replaces the finalize step (e.g. with one that tells the test when a run ended). */
        public Builder finalizer(java.util.function.BiFunction<RunStore, RollupRecorder, FinalizeStep> value) {
            this.finalizer = value;
            return this;
        }

        /** Writes telemetry to another table than the runs' (e.g. one that does not exist, to make its writes fail). */
        public Builder telemetryTable(String value) {
            this.telemetryTable = value;
            return this;
        }

        public Engine build() {
            EscalatorTable.createIfMissing(client, table);
            RunStore store = new RunStore(client, table, Duration.ofDays(30));
            HistoryStore history = new HistoryStore(client, table);
            return new Engine(store, history, new TelemetryStore(client, telemetryTable == null ? table : telemetryTable,
                    Duration.ofDays(90)), ladder, models, chatModels, workflows, clock, itemParallelism,
                    finalizer == null ? null : finalizer.apply(store, new RollupRecorder(history)));
        }
    }

}
