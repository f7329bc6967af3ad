package io.escalator.engine;

import io.escalator.config.EscalatorConfig;
import io.escalator.cost.CostEstimate;
import io.escalator.cost.ReachProbabilities;
import io.escalator.cost.TierEstimate;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.Tier;
import io.escalator.model.AgentTeam;
import io.escalator.model.TaskContext;
import io.escalator.run.Item;
import io.escalator.run.Run;
import io.escalator.run.RunSnapshot;
import io.escalator.store.RunStore;
import io.escalator.support.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 1: estimates what a run will cost before any model is called, and stores the estimate on the run. Per tier:
 * the items expected to reach it (items x reach probability) x the tier's minimum attempts x the expected cost of
 * an attempt (the item's prompt counted with a tokenizer, the expected output per call, the tier's prices and agent
 * team).
 */
@ApplicationScoped
public class EstimateStep {

    private final RunStore store;
    private final AgentTeam team;
    private final Ladder ladder;
    private final Clock clock;
    private final int expectedOutputTokens;
    private final Duration approvalDeadline;

    @Inject
    public EstimateStep(RunStore store, AgentTeam team, Ladder ladder, Clock clock, EscalatorConfig config) {
        this(store, team, ladder, clock, config.engine().expectedOutputTokens(), config.approval().deadline());
    }

    public EstimateStep(RunStore store, AgentTeam team, Ladder ladder, Clock clock, int expectedOutputTokens,
                        Duration approvalDeadline) {
        this.store = store;
        this.team = team;
        this.ladder = ladder;
        this.clock = clock;
        this.expectedOutputTokens = expectedOutputTokens;
        this.approvalDeadline = approvalDeadline;
    }

    /**
     * Estimates the run and stores the estimate. A run whose estimate is above its approval line starts waiting for
     * approval (until the configured deadline) instead of going on.
     */
    public EstimateResult estimate(String runId) {
        RunSnapshot snapshot = RunState.load(store, runId, ladder).snapshot();
        Run run = snapshot.run();
        CostEstimate estimate = estimate(run.objective(), snapshot.items());
        store.saveEstimate(runId, Json.write(estimate));
        boolean approvalRequired = run.approval().requiredFor(estimate.total());
        if (approvalRequired) {
            store.awaitApproval(runId, clock.instant().plus(approvalDeadline));
        }
        return new EstimateResult(runId, estimate, approvalRequired);
    }

    /** @param approvalRequired the estimate is above the run's approval line: it waits for a person */
    public record EstimateResult(String runId, CostEstimate estimate, boolean approvalRequired) {
    }

    CostEstimate estimate(String objective, List<Item> items) {
        List<TierEstimate> tiers = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < ladder.size(); i++) {
            Tier tier = ladder.tier(i);
            double probability = ReachProbabilities.byDefault(i);
            BigDecimal perItem = coldAttemptsCost(tier, objective, items, tier.minAttempts());
            BigDecimal cost = perItem.multiply(BigDecimal.valueOf(probability));
            tiers.add(new TierEstimate(tier.name(), tier.model(), items.size() * probability, probability, money(cost)));
            total = total.add(cost);
        }
        Tier top = ladder.top();
        BigDecimal allTop = coldAttemptsCost(top, objective, items, top.minAttempts());
        List<String> basis = List.of(
                ReachProbabilities.describeDefaults(),
                "attempts per tier are each tier's minAttempts",
                "input tokens are each item's prompt counted with the o200k_base tokenizer",
                "output tokens are " + expectedOutputTokens + " per model call (escalator.engine.expected-output-tokens; "
                        + "capped by each tier's maxOutputTokens): no telemetry for this workflow yet",
                "prices are the ladder's per-million-token prices of each tier and agent");
        return new CostEstimate(tiers, money(total), money(allTop), basis);
    }

    /** The cost of the given number of attempts at every item, each priced as its first (cold) attempt. */
    private BigDecimal coldAttemptsCost(Tier tier, String objective, List<Item> items, int attempts) {
        BigDecimal cost = BigDecimal.ZERO;
        for (Item item : items) {
            cost = cost.add(team.expectedCost(tier, new TaskContext(objective, item.input(), List.of()), expectedOutputTokens));
        }
        return cost.multiply(BigDecimal.valueOf(attempts));
    }

    /** Estimates are shown in dollars: eight decimals keep sub-cent tiers visible without false precision. */
    private static BigDecimal money(BigDecimal value) {
        return value.setScale(8, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
