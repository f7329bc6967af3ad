package io.escalator.engine;

import io.escalator.cost.TierHistory;
import io.escalator.policy.Action;
import io.escalator.run.AgentCall;
import io.escalator.run.Attempt;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** One run's per-tier figures, as they join its workflow's history. */
public final class TierHistories {

    private TierHistories() {
    }

    public static List<TierHistory> of(List<Attempt> attempts) {
        Map<Integer, List<Attempt>> byTier = attempts.stream()
                .collect(Collectors.groupingBy(Attempt::tierIndex, TreeMap::new, Collectors.toList()));
        return byTier.entrySet().stream().map(tier -> of(tier.getKey(), tier.getValue())).toList();
    }

    private static TierHistory of(int tierIndex, List<Attempt> onTier) {
        Predicate<Attempt> succeeded = decided(Action.SUCCEED);
        return new TierHistory(tierIndex, onTier.getFirst().tierName(),
                onTier.stream().map(Attempt::itemId).distinct().count(),
                onTier.stream().filter(succeeded).map(Attempt::itemId).distinct().count(),
                onTier.stream().filter(decided(Action.ESCALATE)).map(Attempt::itemId).distinct().count(),
                onTier.size(),
                onTier.stream().mapToLong(attempt -> attempt.calls().size()).sum(),
                onTier.stream().flatMap(attempt -> attempt.calls().stream()).mapToLong(AgentCall::outputTokens).sum(),
                onTier.stream().map(Attempt::cost).filter(cost -> cost != null).reduce(BigDecimal.ZERO, BigDecimal::add),
                onTier.stream().map(attempt -> BigDecimal.valueOf(attempt.cqs())).reduce(BigDecimal.ZERO, BigDecimal::add),
                countByNumber(onTier, attempt -> true),
                countByNumber(onTier, succeeded));
    }

    private static Predicate<Attempt> decided(Action action) {
        return attempt -> attempt.decision() != null && attempt.decision().action() == action;
    }

    private static Map<Integer, Long> countByNumber(List<Attempt> attempts, Predicate<Attempt> which) {
        return attempts.stream().filter(which)
                .collect(Collectors.groupingBy(Attempt::attemptAtTier, TreeMap::new, Collectors.counting()));
    }
}
