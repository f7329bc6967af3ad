package io.escalator.cost;

import java.math.BigDecimal;
import java.util.List;

/**
 * A run's upfront cost estimate.
 *
 * @param allTopTierCost what the same items would cost on the top tier alone
 * @param basis          where each number came from, in words
 */
public record CostEstimate(List<TierEstimate> tiers, BigDecimal total, BigDecimal allTopTierCost, List<String> basis) {
}
