package io.escalator.engine;

import io.escalator.config.EscalatorConfig;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.Tier;
import io.escalator.model.AgentTeam;
import io.escalator.model.TaskContext;
import io.escalator.policy.Action;
import io.escalator.policy.BudgetState;
import io.escalator.policy.Decision;
import io.escalator.policy.EscalationPolicy;
import io.escalator.run.Attempt;
import io.escalator.run.AttemptDecision;
import io.escalator.run.Item;
import io.escalator.run.ItemStatus;
import io.escalator.run.PendingApproval;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.store.DecisionRecord;
import io.escalator.store.RunStore;
import io.escalator.telemetry.TelemetryRecorder;
import io.escalator.workflow.Workflows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Step 3: decides every open item from its attempts with the {@link EscalationPolicy} and stores the decisions, and
 * says what the run does next. An open item that got no attempt in the last ExecuteTier (its reservation did not fit
 * while other items held theirs) stays open if the budget has room for it now, and ends BUDGET_EXHAUSTED otherwise.
 * Safe to repeat: a decided attempt is not decided again.
 */
@ApplicationScoped
public class DecideStep {

    private final RunStore store;
    private final AgentTeam team;
    private final Ladder ladder;
    private final Workflows workflows;
    private final Clock clock;
    private final CostEstimator estimator;
    private final Duration approvalDeadline;
    private final TelemetryRecorder telemetry;

    @Inject
    public DecideStep(RunStore store, AgentTeam team, Ladder ladder, Workflows workflows, Clock clock,
                      CostEstimator estimator, EscalatorConfig config, TelemetryRecorder telemetry) {
        this(store, team, ladder, workflows, clock, estimator, config.approval().deadline(), telemetry);
    }

    public DecideStep(RunStore store, AgentTeam team, Ladder ladder, Workflows workflows, Clock clock,
                      CostEstimator estimator, Duration approvalDeadline, TelemetryRecorder telemetry) {
        this.telemetry = telemetry;
        this.workflows = workflows;
        this.store = store;
        this.team = team;
        this.ladder = ladder;
        this.clock = clock;
        this.estimator = estimator;
        this.approvalDeadline = approvalDeadline;
    }

    public DecideResult decide(String runId) {
        RunState state = RunState.load(store, runId, ladder, workflows);
        Run run = state.run();
        if (run.status() != RunStatus.RUNNING) {
            // Repeated after it started a wait for approval (its answer lost): the run still waits.
            return new DecideResult(runId, run.status() == RunStatus.AWAITING_APPROVAL ? Next.AWAIT_APPROVAL : Next.FINALIZE, 0, 0);
        }
        List<DecisionRecord> decisions = new ArrayList<>();
        int open = 0;
        for (Item item : state.snapshot().openItems()) {
            List<Attempt> attempts = state.attemptsOf(item);
            Attempt latest = attempts.isEmpty() ? null : attempts.getLast();
            BudgetState budget = budgetState(state, item, Attempts.completedOnly(attempts));
            if (latest != null && latest.isCompleted() && !latest.isDecided()) {
                Decision decision = EscalationPolicy.decide(attempts.stream().map(Attempts::outcome).toList(), ladder, budget);
                decisions.add(new DecisionRecord(
                        latest.withDecision(new AttemptDecision(decision.action(), decision.rule(), decision.reason())),
                        apply(item, decision, latest.cqs())));
                open += decision.action().isTerminal() ? 0 : 1;
            } else if (latest == null || latest.isDecided()) {
                var refusal = budget.refusal(item.tierIndex());
                if (refusal.isPresent()) {
                    store.updateOpenItem(run, new Item(item.runId(), item.id(), item.input(), ItemStatus.BUDGET_EXHAUSTED,
                            item.tierIndex(), refusal.get().rule(), refusal.get().reason(), latest == null ? null : latest.cqs()));
                } else {
                    open++;
                }
            } else {
                open++;
            }
        }
        store.recordDecisions(run, decisions);
        telemetry.record(run, ladder, decisions.stream().map(DecisionRecord::attempt).toList());
        Optional<PendingApproval> escalation = escalationNeedingApproval(state, decisions);
        if (escalation.isPresent()) {
            store.awaitApproval(runId, clock.instant().plus(approvalDeadline), escalation.get());
            return new DecideResult(runId, Next.AWAIT_APPROVAL, decisions.size(), open);
        }
        return new DecideResult(runId, open > 0 ? Next.EXECUTE : Next.FINALIZE, decisions.size(), open);
    }

    /**
     * Progressive approval: the items escalating now, what their first attempts on their new tiers are expected to
     * cost (output tokens per call as the estimator expects them), and whether the run's spend plus that crosses its
     * approval line (the line it started with, or what a person last approved).
     * <p>
     * The output tokens per call are learned from the workflow's history, which takes a read of the store. An attempt
     * cannot be expected to cost more than with every call at its tier's full output allowance, so when even that
     * stays within the line (or the run has none), no approval is needed whatever the history says, and it is not
     * read: most escalations cost cents against a line of dollars.
     */
    private Optional<PendingApproval> escalationNeedingApproval(RunState state, List<DecisionRecord> decisions) {
        Map<Integer, List<DecisionRecord>> byTier = decisions.stream()
                .filter(decision -> decision.attempt().decision().action() == Action.ESCALATE)
                .collect(Collectors.groupingBy(decision -> decision.item().tierIndex(), TreeMap::new, Collectors.toList()));
        if (byTier.isEmpty()) {
            return Optional.empty();
        }
        Run run = state.run();
        if (run.approval().line() == null
                || !run.approval().requiredFor(run.committedCost().add(additionalCost(state, byTier, Integer.MAX_VALUE)))) {
            return Optional.empty();
        }
        int outputPerCall = estimator.outputTokensPerCall(run.workflow());
        List<PendingApproval.Escalation> escalations = new ArrayList<>();
        BigDecimal additional = BigDecimal.ZERO;
        for (Map.Entry<Integer, List<DecisionRecord>> tier : byTier.entrySet()) {
            Tier next = ladder.tier(tier.getKey());
            BigDecimal tierCost = tierCost(state, next, tier.getValue(), outputPerCall);
            escalations.add(new PendingApproval.Escalation(next.name(),
                    tier.getValue().stream().map(decision -> decision.item().id()).toList(), CostEstimator.money(tierCost)));
            additional = additional.add(tierCost);
        }
        BigDecimal projected = run.committedCost().add(additional);
        return run.approval().requiredFor(projected)
                ? Optional.of(new PendingApproval(PendingApproval.Kind.ESCALATION, escalations,
                        CostEstimator.money(additional), CostEstimator.money(projected)))
                : Optional.empty();
    }

    /** What the escalating items' first attempts on their new tiers are expected to cost in all. */
    private BigDecimal additionalCost(RunState state, Map<Integer, List<DecisionRecord>> byTier, int outputPerCall) {
        BigDecimal additional = BigDecimal.ZERO;
        for (Map.Entry<Integer, List<DecisionRecord>> tier : byTier.entrySet()) {
            additional = additional.add(tierCost(state, ladder.tier(tier.getKey()), tier.getValue(), outputPerCall));
        }
        return additional;
    }

    /** The expected cost of the minimum attempts of the items escalating to a tier. */
    private BigDecimal tierCost(RunState state, Tier next, List<DecisionRecord> escalating, int outputPerCall) {
        BigDecimal tierCost = BigDecimal.ZERO;
        for (DecisionRecord decision : escalating) {
            List<Attempt> history = Attempts.completedOnly(state.snapshot().attemptsOf(decision.item().id()));
            TaskContext task = state.task(decision.item(), history);
            tierCost = tierCost.add(team.expectedCost(next, task, outputPerCall)
                    .multiply(BigDecimal.valueOf(next.minAttempts())));
        }
        return tierCost;
    }

    private BudgetState budgetState(RunState state, Item item, List<Attempt> history) {
        Run run = state.run();
        TaskContext next = state.task(item, history);
        return new BudgetState(run.budget(), run.committedCost(), Duration.between(run.createdAt(), clock.instant()),
                run.attemptsStarted(), tierIndex -> team.worstCaseCost(ladder.tier(tierIndex), next));
    }

    private static Item apply(Item item, Decision decision, double cqs) {
        ItemStatus status = switch (decision.action()) {
            case SUCCEED -> ItemStatus.SUCCEEDED;
            case NEEDS_HUMAN -> ItemStatus.NEEDS_HUMAN;
            case BUDGET_EXHAUSTED -> ItemStatus.BUDGET_EXHAUSTED;
            case RETRY, ESCALATE -> ItemStatus.OPEN;
        };
        Double finalCqs = decision.action().isTerminal() ? cqs : null;
        return new Item(item.runId(), item.id(), item.input(), status, decision.tierIndex(), decision.rule(),
                decision.reason(), finalCqs);
    }

    /** What the run does after a Decide. */
    public enum Next {
        /** Some items are still open: another ExecuteTier. */
        EXECUTE,
        /** Items escalate past what the run may spend without asking: it waits for approval first. */
        AWAIT_APPROVAL,
        /** Every item is done: Finalize. */
        FINALIZE
    }

    /**
     * @param decided items decided now
     * @param open    items still open
     */
    public record DecideResult(String runId, Next next, int decided, int open) {
    }
}
