package io.escalator.run;

import java.math.BigDecimal;

/**
 * What a run cost and what it saved.
 *
 * @param allTopTierCost what the same items would have cost on the top tier alone
 * @param savingsPercent {@code (allTopTierCost - totalCost) / allTopTierCost x 100}; {@code null} when the top tier is
 *                       free (nothing to save against)
 */
public record RunTotals(BigDecimal totalCost, BigDecimal allTopTierCost, Double savingsPercent) {
}
