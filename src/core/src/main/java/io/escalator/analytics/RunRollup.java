package io.escalator.analytics;

import io.escalator.cost.TierHistory;
import io.escalator.engine.TierHistories;
import io.escalator.run.Item;
import io.escalator.run.ItemStatus;
import io.escalator.run.RunSnapshot;
import io.escalator.run.RunTotals;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one run adds to its workflow's analytics: counted on the day it was created (UTC), per tier and in all. A
 * run that finishes again (a person sent it back to the top tier) is rolled up again, and only the difference to
 * what it added before is added ({@link #minus}).
 */
public record RunRollup(String workflow, LocalDate day, long runs, long items, long resolvedItems, BigDecimal cost,
                        BigDecimal allTopTierCost, List<TierHistory> tiers) {

    public RunRollup {
        cost = cost == null ? BigDecimal.ZERO : cost;
        allTopTierCost = allTopTierCost == null ? BigDecimal.ZERO : allTopTierCost;
        tiers = List.copyOf(tiers);
    }

    public static RunRollup of(RunSnapshot snapshot, RunTotals totals) {
        return new RunRollup(snapshot.run().workflow(), snapshot.run().createdAt().atZone(ZoneOffset.UTC).toLocalDate(), 1,
                snapshot.items().size(),
                snapshot.items().stream().map(Item::status).filter(status -> status == ItemStatus.SUCCEEDED).count(),
                totals.totalCost(), totals.allTopTierCost(), TierHistories.of(snapshot.attempts()));
    }

    /** The change from {@code previous} (what the run added before; {@code null}: nothing) to this. */
    public RunRollup minus(RunRollup previous) {
        if (previous == null) {
            return this;
        }
        Map<Integer, TierHistory> before = byIndex(previous.tiers);
        Map<Integer, TierHistory> after = byIndex(tiers);
        List<TierHistory> changed = new ArrayList<>();
        for (Integer index : union(before, after)) {
            TierHistory now = after.getOrDefault(index, TierHistory.none(index));
            TierHistory delta = now.minus(before.getOrDefault(index, TierHistory.none(index)));
            if (!delta.isEmpty()) {
                changed.add(delta);
            }
        }
        return new RunRollup(workflow, day, runs - previous.runs, items - previous.items,
                resolvedItems - previous.resolvedItems, cost.subtract(previous.cost),
                allTopTierCost.subtract(previous.allTopTierCost), changed);
    }

    public boolean isEmpty() {
        return runs == 0 && items == 0 && resolvedItems == 0 && cost.signum() == 0 && allTopTierCost.signum() == 0
                && tiers.isEmpty();
    }

    private static Map<Integer, TierHistory> byIndex(List<TierHistory> tiers) {
        return tiers.stream().collect(Collectors.toMap(TierHistory::tierIndex, Function.identity(), TierHistory::plus,
                TreeMap::new));
    }

    private static List<Integer> union(Map<Integer, TierHistory> a, Map<Integer, TierHistory> b) {
        TreeMap<Integer, Boolean> all = new TreeMap<>();
        a.keySet().forEach(index -> all.put(index, true));
        b.keySet().forEach(index -> all.put(index, true));
        return List.copyOf(all.keySet());
    }
}
