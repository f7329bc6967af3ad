package io.escalator.engine;

import io.escalator.config.EscalatorConfig;
import io.escalator.cost.CostEstimate;
import io.escalator.ladder.Ladder;
import io.escalator.run.PendingApproval;
import io.escalator.run.Run;
import io.escalator.store.RunStore;
import io.escalator.support.Json;
import io.escalator.workflow.Workflows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Step 1: estimates what a run will cost before any model is called (see {@link CostEstimator}) and stores the
 * estimate on the run. A run whose estimate is above its approval line starts waiting for approval (until the
 * configured deadline) instead of going on.
 */
@ApplicationScoped
public class EstimateStep {

    private final RunStore store;
    private final CostEstimator estimator;
    private final Ladder ladder;
    private final Workflows workflows;
    private final Clock clock;
    private final Duration approvalDeadline;

    @Inject
    public EstimateStep(RunStore store, CostEstimator estimator, Ladder ladder, Workflows workflows, Clock clock,
                        EscalatorConfig config) {
        this(store, estimator, ladder, workflows, clock, config.approval().deadline());
    }

    public EstimateStep(RunStore store, CostEstimator estimator, Ladder ladder, Workflows workflows, Clock clock,
                        Duration approvalDeadline) {
        this.workflows = workflows;
        this.store = store;
        this.estimator = estimator;
        this.ladder = ladder;
        this.clock = clock;
        this.approvalDeadline = approvalDeadline;
    }

    public EstimateResult estimate(String runId) {
        RunState state = RunState.load(store, runId, ladder, workflows);
        Run run = state.run();
        CostEstimate estimate = estimator.estimate(run.workflow(),
                state.snapshot().items().stream().map(item -> state.task(item, List.of())).toList());
        store.saveEstimate(runId, Json.write(estimate));
        boolean approvalRequired = run.approval().requiredFor(estimate.total());
        if (approvalRequired) {
            store.awaitApproval(runId, clock.instant().plus(approvalDeadline), PendingApproval.wholeRun(estimate.total()));
        }
        return new EstimateResult(runId, estimate, approvalRequired);
    }

    /** @param approvalRequired the estimate is above the run's approval line: it waits for a person */
    public record EstimateResult(String runId, CostEstimate estimate, boolean approvalRequired) {
    }
}
