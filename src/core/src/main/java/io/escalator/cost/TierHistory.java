package io.escalator.cost;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * What runs of a workflow did on one tier: how many items reached it, were resolved there or escalated from it, the
 * attempts and model calls they made there, the output tokens and money those cost, the sum of the attempts' CQS, and
 * per attempt number on the tier ({@code attemptAtTier}) how many attempts were made and how many succeeded. The
 * estimator reads it per ladder; analytics and pattern learning read the same figures.
 *
 * @param tierName the tier's name (on the ladder the figures were recorded on)
 */
public record TierHistory(int tierIndex, String tierName, long itemsReached, long itemsResolved, long itemsEscalated,
                          long attempts, long calls, long outputTokens, BigDecimal cost, BigDecimal cqsSum,
                          Map<Integer, Long> attemptsByNumber, Map<Integer, Long> successesByNumber) {

    public TierHistory {
        cost = cost == null ? BigDecimal.ZERO : cost;
        cqsSum = cqsSum == null ? BigDecimal.ZERO : cqsSum;
        attemptsByNumber = Map.copyOf(attemptsByNumber == null ? Map.of() : attemptsByNumber);
        successesByNumber = Map.copyOf(successesByNumber == null ? Map.of() : successesByNumber);
    }

    /** Only what the estimator reads: items reached, attempts, calls and output tokens. */
    public TierHistory(int tierIndex, long itemsReached, long attempts, long calls, long outputTokens) {
        this(tierIndex, null, itemsReached, 0, 0, attempts, calls, outputTokens, BigDecimal.ZERO, BigDecimal.ZERO, Map.of(), Map.of());
    }

    public static TierHistory none(int tierIndex) {
        return new TierHistory(tierIndex, 0, 0, 0, 0);
    }

    public TierHistory plus(TierHistory other) {
        return combine(other, Long::sum, BigDecimal::add);
    }

    public TierHistory minus(TierHistory other) {
        return combine(other, (a, b) -> a - b, BigDecimal::subtract);
    }

    private TierHistory combine(TierHistory other, BinaryOperator<Long> counts, BinaryOperator<BigDecimal> amounts) {
        return new TierHistory(tierIndex, tierName != null ? tierName : other.tierName,
                counts.apply(itemsReached, other.itemsReached), counts.apply(itemsResolved, other.itemsResolved),
                counts.apply(itemsEscalated, other.itemsEscalated), counts.apply(attempts, other.attempts),
                counts.apply(calls, other.calls), counts.apply(outputTokens, other.outputTokens),
                amounts.apply(cost, other.cost), amounts.apply(cqsSum, other.cqsSum),
                combine(attemptsByNumber, other.attemptsByNumber, counts),
                combine(successesByNumber, other.successesByNumber, counts));
    }

    private static Map<Integer, Long> combine(Map<Integer, Long> mine, Map<Integer, Long> theirs, BinaryOperator<Long> op) {
        Map<Integer, Long> result = new TreeMap<>(mine);
        theirs.forEach((number, count) -> result.merge(number, op.apply(0L, count), Long::sum));
        result.values().removeIf(count -> count == 0);
        return result;
    }

    /** No figure differs from zero (a delta that changes nothing). */
    public boolean isEmpty() {
        return itemsReached == 0 && itemsResolved == 0 && itemsEscalated == 0 && attempts == 0 && calls == 0
                && outputTokens == 0 && cost.signum() == 0 && cqsSum.signum() == 0 && attemptsByNumber.isEmpty()
                && successesByNumber.isEmpty();
    }
}
