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
import io.escalator.store.RunFilter;
import io.escalator.store.RunPage;
import io.escalator.store.RunStore;
import io.escalator.support.Json;
import io.escalator.validation.FieldErrors;
import io.escalator.validation.TimeRange;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/** Starting, reading and listing runs. */
@ApplicationScoped
public class RunService {

    public static final int DEFAULT_PAGE_SIZE = 20;
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
        return start(spec, null, null);
    }

    /**
     * @param userHash  the keyed hash of the user starting it, or {@code null}
     * @param ownerHash the keyed hash of the authenticated principal starting it, who owns it; {@code null}: no owner
     */
    public Run start(RunSpec spec, String userHash, String ownerHash) {
        Run run = create(spec, userHash, ownerHash);
        orchestrator.start(run.id());
        return run;
    }

    /** Stores a new run, RUNNING with all its items open, without starting it (its orchestrator will). */
    public Run create(RunSpec spec) {
        return create(spec, null, null);
    }

    public Run create(RunSpec spec, String userHash, String ownerHash) {
        String runId = UUID.randomUUID().toString();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Run run = new Run(runId, spec.workflow(), spec.objective(), RunStatus.RUNNING, null, Json.write(spec.gates()),
                Json.write(spec.data()),
                spec.budget(), BigDecimal.ZERO, BigDecimal.ZERO, 0, Json.write(ladder), ladder.fingerprint(), null, now,
                null, null, Approval.autoApprovedUnder(approvalLine(spec)), null, userHash, ownerHash);
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

    /**
     * One page of the runs the query asks for, newest first, of every owner. Every problem with the query is reported
     * at once, each naming its parameter.
     */
    public RunPage list(RunListQuery query) {
        return list(query, null);
    }

    /** As {@link #list(RunListQuery)}, only the runs owned by the principal with this hash ({@code null}: all). */
    public RunPage list(RunListQuery query, String ownerHash) {
        FieldErrors errors = new FieldErrors();
        RunStatus status = status(query.status(), errors);
        String workflow = workflow(query.workflow(), errors);
        TimeRange created = TimeRange.parse(query.since(), query.until(), errors);
        int limit = pageSize(query.limit(), errors);
        errors.throwIfAny();
        return store.listRuns(new RunFilter(status, workflow, created.since(), created.until(), ownerHash), limit,
                query.cursor());
    }

    private static RunStatus status(String text, FieldErrors errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return RunStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            errors.add("status", "must be one of " + Arrays.stream(RunStatus.values()).map(Enum::name)
                    .collect(Collectors.joining(", ")) + ", was '" + text + "'");
            return null;
        }
    }

    private String workflow(String name, FieldErrors errors) {
        if (name == null || name.isBlank()) {
            return null;
        }
        if (workflows.named(name.strip()).isEmpty()) {
            errors.add("workflow", workflows.unknown(name));
            return null;
        }
        return name.strip();
    }

    private static int pageSize(String text, FieldErrors errors) {
        if (text == null || text.isBlank()) {
            return DEFAULT_PAGE_SIZE;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= MAX_PAGE_SIZE) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, as any other value out of range
        }
        errors.add("limit", "must be a whole number from 1 to " + MAX_PAGE_SIZE + ", was '" + text + "'");
        return DEFAULT_PAGE_SIZE;
    }
}
