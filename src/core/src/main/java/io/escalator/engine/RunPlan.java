package io.escalator.engine;

import io.escalator.cost.CostEstimate;
import io.escalator.ladder.EscalationThresholds;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.Tier;
import io.escalator.policy.BudgetLimits;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a run would do, without doing it (a dry run): its estimate, whether it would wait for approval, and the
 * escalation plan: the tiers in order with their attempts, agent team and thresholds, under the run's budget.
 */
public record RunPlan(CostEstimate estimate, BigDecimal autoApproveUnder, boolean approvalRequired, List<TierPlan> tiers,
                      Budget budget) {

    public record TierPlan(String tier, String model, String mode, int minAttempts, int maxAttempts, int maxOutputTokens,
                           BigDecimal inputPricePerMillion, BigDecimal outputPricePerMillion,
                           EscalationThresholds thresholds) {
    }

    public record Budget(BigDecimal maxCost, Long maxSeconds, Integer maxAttempts) {
    }

    static RunPlan of(CostEstimate estimate, BigDecimal autoApproveUnder, Ladder ladder, BudgetLimits budget) {
        List<TierPlan> tiers = ladder.tiers().stream().map(RunPlan::tier).toList();
        return new RunPlan(estimate, autoApproveUnder, estimate.total().compareTo(autoApproveUnder) > 0, tiers,
                new Budget(budget.maxCost(), budget.maxDuration() == null ? null : budget.maxDuration().toSeconds(),
                        budget.maxAttempts()));
    }

    private static TierPlan tier(Tier tier) {
        return new TierPlan(tier.name(), tier.model(), tier.mode().name().toLowerCase(java.util.Locale.ROOT),
                tier.minAttempts(), tier.maxAttempts(), tier.maxOutputTokens(), tier.prices().inputPerMillion(),
                tier.prices().outputPerMillion(), tier.thresholds());
    }
}
