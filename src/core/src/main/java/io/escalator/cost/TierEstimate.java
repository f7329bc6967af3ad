package io.escalator.cost;

import java.math.BigDecimal;

/**
 * The estimate for one tier.
 *
 * @param items         how many items are expected to reach the tier ({@code items x probability} of the run)
 * @param probability   the chance an item reaches the tier
 * @param estimatedCost expected cost of the tier: expected items x expected attempts x expected attempt cost
 */
public record TierEstimate(String tier, String model, double items, double probability, BigDecimal estimatedCost) {
}
