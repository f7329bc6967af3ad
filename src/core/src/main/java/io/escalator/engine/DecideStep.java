package io.escalator.engine;

import io.escalator.ladder.Ladder;
import io.escalator.model.AgentTeam;
import io.escalator.model.TaskContext;
import io.escalator.policy.BudgetState;
import io.escalator.policy.Decision;
import io.escalator.policy.EscalationPolicy;
import io.escalator.run.Attempt;
import io.escalator.run.AttemptDecision;
import io.escalator.run.Item;
import io.escalator.run.ItemStatus;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.store.DecisionRecord;
import io.escalator.store.RunStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    private final Clock clock;

    public DecideStep(RunStore store, AgentTeam team, Ladder ladder, Clock clock) {
        this.store = store;
        this.team = team;
        this.ladder = ladder;
        this.clock = clock;
    }

    public DecideResult decide(String runId) {
        RunState state = RunState.load(store, runId, ladder);
        Run run = state.run();
        if (run.status() != RunStatus.RUNNING) {
            return new DecideResult(runId, Next.FINALIZE, 0, 0);
        }
        List<DecisionRecord> decisions = new ArrayList<>();
        int open = 0;
        for (Item item : state.snapshot().openItems()) {
            List<Attempt> attempts = state.attemptsOf(item);
            Attempt latest = attempts.isEmpty() ? null : attempts.getLast();
            BudgetState budget = budgetState(run, item, Attempts.completedOnly(attempts));
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
        return new DecideResult(runId, open > 0 ? Next.EXECUTE : Next.FINALIZE, decisions.size(), open);
    }

    private BudgetState budgetState(Run run, Item item, List<Attempt> history) {
        TaskContext next = new TaskContext(run.objective(), item.input(), history);
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
