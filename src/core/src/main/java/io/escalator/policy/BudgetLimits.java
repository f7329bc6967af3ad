package io.escalator.policy;

import java.math.BigDecimal;
import java.time.Duration;

/** A run's global budget, shared by all tiers and items. A {@code null} limit is no limit. */
public record BudgetLimits(BigDecimal maxCost, Duration maxDuration, Integer maxAttempts) {

    public static final BudgetLimits NONE = new BudgetLimits(null, null, null);
}
