package io.escalator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalator.config.EscalatorConfig;
import io.escalator.ladder.Ladder;
import io.escalator.run.Approval;
import io.escalator.run.Item;
import io.escalator.run.Run;
import io.escalator.run.RunSnapshot;
import io.escalator.run.RunSpec;
import io.escalator.run.RunStatus;
import io.escalator.store.RunPage;
import io.escalator.store.RunStore;
import io.escalator.support.Json;
import io.escalator.validation.InvalidRequestException;
import io.escalator.workflow.RunDefinition;
import io.escalator.workflow.RunRequestParser;
import io.escalator.workflow.Workflow;
import io.escalator.workflow.Workflows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Starting, reading and listing runs. */
@ApplicationScoped
public class RunService {

    public static final int MAX_PAGE_SIZE = 100;

    private final RunStore store;
    private final Ladder ladder;
    private final Workflows workflows;
    private final Clock clock;
    private final RunOrchestrator orchestrator;
    private final BigDecimal defaultAutoApproveUnder;
    private final CostEstimator estimator;

    @Inject
    public RunService(RunStore store, Ladder ladder, Workflows workflows, Clock clock, RunOrchestrator orchestrator,
                      CostEstimator estimator, EscalatorConfig config) {
        this(store, ladder, workflows, clock, orchestrator, estimator, config.approval().autoApproveUnder());
    }

    public RunService(RunStore store, Ladder ladder, Workflows workflows, Clock clock, RunOrchestrator orchestrator,
                      CostEstimator estimator, BigDecimal defaultAutoApproveUnder) {
        this.workflows = workflows;
        this.store = store;
        this.ladder = ladder;
        this.clock = clock;
        this.orchestrator = orchestrator;
        this.estimator = estimator;
        this.defaultAutoApproveUnder = defaultAutoApproveUnder;
    }

    /** Checks a run request completely (see {@link RunRequestParser}). */
    public RunSpec parse(JsonNode body) {
        return RunRequestParser.parse(body, workflows);
    }

    /** What a run of this request would cost and do, without storing or executing anything. */
    public RunPlan plan(RunSpec spec) {
        Workflow workflow = workflows.of(spec.workflow());
        RunDefinition definition = RunDefinition.of(spec);
        return RunPlan.of(estimator.estimate(spec.workflow(),
                spec.items().stream().map(item -> workflow.task(definition, item, List.of())).toList()),
                approvalLine(spec), ladder, spec.budget());
    }

    /** Stores a new run and hands it to the orchestrator. */
    public Run start(RunSpec spec) {
        return start(spec, null);
    }

    /** @param userHash the keyed hash of the user starting it, or {@code null} */
    public Run start(RunSpec spec, String userHash) {
        Run run = create(spec, userHash);
        orchestrator.start(run.id());
        return run;
    }

    /** Stores a new run, RUNNING with all its items open, without starting it (its orchestrator will). */
    public Run create(RunSpec spec) {
        return create(spec, null);
    }

    public Run create(RunSpec spec, String userHash) {
        String runId = UUID.randomUUID().toString();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Run run = new Run(runId, spec.workflow(), spec.objective(), RunStatus.RUNNING, null, Json.write(spec.gates()),
                Json.write(spec.data()),
                spec.budget(), BigDecimal.ZERO, BigDecimal.ZERO, 0, Json.write(ladder), ladder.fingerprint(), null, now,
                null, null, Approval.autoApprovedUnder(approvalLine(spec)), null, userHash);
        List<Item> items = spec.items().stream().map(item -> Item.open(runId, item)).toList();
        store.createRun(run, items);
        return run;
    }

    private BigDecimal approvalLine(RunSpec spec) {
        return spec.autoApproveUnder() != null ? spec.autoApproveUnder() : defaultAutoApproveUnder;
    }

    public RunSnapshot get(String runId) {
        return store.load(runId);
    }

    public RunPage list(int limit, String cursor) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new InvalidRequestException("limit", "must be between 1 and " + MAX_PAGE_SIZE + ", was " + limit);
        }
        return store.listRuns(limit, cursor);
    }
}
