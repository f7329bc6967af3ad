package io.escalator.policy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Where a run stands against its budget.
 *
 * @param committedCost         spent plus reserved for attempts under way
 * @param elapsed               time since the run started
 * @param attemptsStarted       attempts started so far, all items
 * @param worstCaseAttemptCost  the most one more attempt at a tier (by index) could cost
 */
public record BudgetState(
        BudgetLimits limits,
        BigDecimal committedCost,
        Duration elapsed,
        int attemptsStarted,
        IntFunction<BigDecimal> worstCaseAttemptCost) {

    /** Why one more attempt at the tier does not fit the budget, or empty when it does. */
    public Optional<BudgetRefusal> refusal(int tierIndex) {
        if (limits.maxAttempts() != null && attemptsStarted >= limits.maxAttempts()) {
            return Optional.of(new BudgetRefusal("budget-attempts",
                    "the run's cap of " + limits.maxAttempts() + " attempts is reached"));
        }
        if (limits.maxDuration() != null && elapsed.compareTo(limits.maxDuration()) >= 0) {
            return Optional.of(new BudgetRefusal("budget-time",
                    "the run's time cap of " + limits.maxDuration().toSeconds() + " s is reached"));
        }
        if (limits.maxCost() != null) {
            BigDecimal worstCase = worstCaseAttemptCost.apply(tierIndex);
            BigDecimal left = limits.maxCost().subtract(committedCost);
            if (worstCase.compareTo(left) > 0) {
                return Optional.of(new BudgetRefusal("budget-cost", "the next attempt could cost up to $"
                        + worstCase.toPlainString() + " but only $" + left.max(BigDecimal.ZERO).toPlainString()
                        + " of the $" + limits.maxCost().toPlainString() + " budget is left"));
            }
        }
        return Optional.empty();
    }

    public record BudgetRefusal(String rule, String reason) {
    }
}
