package io.escalator.engine;

import io.escalator.cost.TierHistory;
import io.escalator.run.Attempt;
import io.escalator.run.AgentCall;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** One run's per-tier figures, as they join its workflow's history. */
final class TierHistories {

    private TierHistories() {
    }

    static List<TierHistory> of(List<Attempt> attempts) {
        Map<Integer, List<Attempt>> byTier = attempts.stream()
                .collect(Collectors.groupingBy(Attempt::tierIndex, TreeMap::new, Collectors.toList()));
        return byTier.entrySet().stream().map(tier -> new TierHistory(tier.getKey(),
                        tier.getValue().stream().map(Attempt::itemId).distinct().count(),
                        tier.getValue().size(),
                        tier.getValue().stream().mapToLong(attempt -> attempt.calls().size()).sum(),
                        tier.getValue().stream().flatMap(attempt -> attempt.calls().stream())
                                .mapToLong(AgentCall::outputTokens).sum()))
                .toList();
    }
}
