package io.escalator.analytics;

import io.escalator.cost.TierHistory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the runs created in a period cost, what the same work would have cost on the top tier alone, and how each tier
 * did. Shares are of the items that reached the tier; money is exact but for the cost per resolved item (a division,
 * to 6 decimals).
 *
 * @param workflow {@code null}: every workflow
 */
public record Analytics(String workflow, LocalDate since, LocalDate until, long runs, long items, long resolvedItems,
                        BigDecimal totalCost, BigDecimal allTopTierCost, BigDecimal savings, Double savingsPercent,
                        BigDecimal costPerResolvedItem, List<TierFigures> tiers, List<DayFigures> days) {

    /**
     * @param successShare    items resolved on the tier / items that reached it
     * @param escalationShare items escalated from the tier / items that reached it
     * @param averageAttempts attempts on the tier / items that reached it
     */
    public record TierFigures(String tier, long attempts, long itemsReached, long itemsResolved, Double successShare,
                              Double averageCqs, BigDecimal cost, Double escalationShare, Double averageAttempts) {
    }

    public record DayFigures(LocalDate day, long runs, long items, long resolvedItems, BigDecimal cost,
                             BigDecimal allTopTierCost, BigDecimal savings) {
    }

    public static Analytics of(String workflow, LocalDate since, LocalDate until, List<DailyFigures> daily) {
        Map<LocalDate, DayFigures> days = new TreeMap<>();
        Map<String, TierHistory> tiers = new LinkedHashMap<>();
        long runs = 0;
        long items = 0;
        long resolved = 0;
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal allTop = BigDecimal.ZERO;
        for (DailyFigures day : daily) {
            runs += day.runs();
            items += day.items();
            resolved += day.resolvedItems();
            cost = cost.add(day.cost());
            allTop = allTop.add(day.allTopTierCost());
            days.merge(day.day(), dayFigures(day), Analytics::plus);
            day.tiers().forEach(tier -> tiers.merge(tier.tierName(), tier, TierHistory::plus));
        }
        BigDecimal savings = allTop.subtract(cost);
        return new Analytics(workflow, since, until, runs, items, resolved, plain(cost), plain(allTop), plain(savings),
                allTop.signum() == 0 ? null : savings.multiply(BigDecimal.valueOf(100))
                        .divide(allTop, 1, RoundingMode.HALF_UP).doubleValue(),
                resolved == 0 ? null : plain(cost.divide(BigDecimal.valueOf(resolved), 6, RoundingMode.HALF_UP)),
                tiers.values().stream()
                        .sorted(Comparator.comparingInt(TierHistory::tierIndex).thenComparing(TierHistory::tierName))
                        .map(Analytics::tierFigures).toList(),
                List.copyOf(days.values()));
    }

    private static TierFigures tierFigures(TierHistory tier) {
        long reached = tier.itemsReached();
        return new TierFigures(tier.tierName(), tier.attempts(), reached, tier.itemsResolved(),
                share(tier.itemsResolved(), reached),
                tier.attempts() == 0 ? null : tier.cqsSum().divide(BigDecimal.valueOf(tier.attempts()), 2,
                        RoundingMode.HALF_UP).doubleValue(),
                plain(tier.cost()), share(tier.itemsEscalated(), reached),
                reached == 0 ? null : round((double) tier.attempts() / reached, 2));
    }

    private static DayFigures dayFigures(DailyFigures day) {
        return new DayFigures(day.day(), day.runs(), day.items(), day.resolvedItems(), plain(day.cost()),
                plain(day.allTopTierCost()), plain(day.allTopTierCost().subtract(day.cost())));
    }

    private static DayFigures plus(DayFigures a, DayFigures b) {
        return new DayFigures(a.day(), a.runs() + b.runs(), a.items() + b.items(), a.resolvedItems() + b.resolvedItems(),
                plain(a.cost().add(b.cost())), plain(a.allTopTierCost().add(b.allTopTierCost())),
                plain(a.savings().add(b.savings())));
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole, 4);
    }

    private static double round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }

    private static BigDecimal plain(BigDecimal amount) {
        return amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
    }
}
