package io.escalator.analytics;

import static io.escalator.report.Figures.money;

import io.escalator.analytics.Recommendation.Type;
import io.escalator.config.EscalatorConfig;
import io.escalator.cost.TierHistory;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.Tier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pattern learning: advice on a ladder from what a workflow's runs did on each of its tiers. Pure: the history and
 * the lines it draws come in, the advice goes out. A tier says nothing until {@code minItems} items have reached it.
 */
public final class Recommendations {

    /** The lines drawn; see {@link EscalatorConfig.Recommendations}. */
    public record Thresholds(int minItems, double capableFirstBelow, double cheapOnlyFrom, int minAttemptsBeyond) {

        public static Thresholds of(EscalatorConfig.Recommendations config) {
            return new Thresholds(config.minItems(), config.capableFirstBelow(), config.cheapOnlyFrom(),
                    config.minAttemptsBeyond());
        }
    }

    private Recommendations() {
    }

    public static List<Recommendation> of(String workflow, Ladder ladder, Map<Integer, TierHistory> history,
                                          Thresholds thresholds) {
        List<Recommendation> advice = new ArrayList<>();
        firstTier(workflow, ladder, history, thresholds, advice);
        for (int index = 0; index < ladder.size(); index++) {
            TierHistory tier = history.get(index);
            if (tier != null && tier.itemsReached() >= thresholds.minItems()) {
                fewerAttempts(workflow, ladder.tier(index), tier, thresholds, advice);
                if (index + 1 < ladder.size() && history.containsKey(index + 1)) {
                    costlierThanNext(workflow, ladder, tier, history.get(index + 1), advice);
                }
            }
        }
        return advice;
    }

    private static void firstTier(String workflow, Ladder ladder, Map<Integer, TierHistory> history, Thresholds thresholds,
                                  List<Recommendation> advice) {
        TierHistory first = history.get(0);
        if (first == null || first.itemsReached() < thresholds.minItems() || ladder.size() < 2) {
            return;
        }
        String cheap = ladder.tier(0).name();
        double share = (double) first.itemsResolved() / first.itemsReached();
        Map<String, Object> evidence = evidence(first);
        if (share < thresholds.capableFirstBelow()) {
            advice.add(new Recommendation(workflow, Type.CAPABLE_FIRST, cheap, "Start at " + ladder.tier(1).name() + ": "
                    + cheap + " resolved " + first.itemsResolved() + " of " + first.itemsReached() + " items ("
                    + percent(share) + "), under the " + percent(thresholds.capableFirstBelow()) + " line; its "
                    + first.attempts() + " attempts cost " + money(first.cost()) + ".", evidence));
        } else if (share >= thresholds.cheapOnlyFrom()) {
            advice.add(new Recommendation(workflow, Type.CHEAP_ONLY, cheap, "Stay on " + cheap + ": it resolved "
                    + first.itemsResolved() + " of " + first.itemsReached() + " items (" + percent(share)
                    + "); the tiers above it are rarely needed.", evidence));
        }
    }

    /** The highest attempt number on the tier that ever succeeded; beyond it, attempts were made and never paid off. */
    private static void fewerAttempts(String workflow, Tier tier, TierHistory figures, Thresholds thresholds,
                                      List<Recommendation> advice) {
        int lastSuccessful = figures.successesByNumber().keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        long beyond = figures.attemptsByNumber().entrySet().stream()
                .filter(attempts -> attempts.getKey() > lastSuccessful).mapToLong(Map.Entry::getValue).sum();
        int suggested = Math.max(Math.max(lastSuccessful, tier.minAttempts()), 1);
        if (beyond < thresholds.minAttemptsBeyond() || suggested >= tier.maxAttempts()) {
            return;
        }
        Map<String, Object> evidence = evidence(figures);
        evidence.put("maxAttempts", tier.maxAttempts());
        evidence.put("lastSuccessfulAttempt", lastSuccessful);
        evidence.put("attemptsBeyond", beyond);
        String why = lastSuccessful == 0 ? "none of its " + beyond + " attempts succeeded"
                : "its " + beyond + " attempts after attempt " + lastSuccessful + " never succeeded";
        advice.add(new Recommendation(workflow, Type.LOWER_MAX_ATTEMPTS, tier.name(), "Lower maxAttempts of "
                + tier.name() + " from " + tier.maxAttempts() + " to " + suggested + ": " + why + ".", evidence));
    }

    private static void costlierThanNext(String workflow, Ladder ladder, TierHistory tier, TierHistory next,
                                         List<Recommendation> advice) {
        if (next.itemsResolved() == 0 || tier.cost().signum() == 0) {
            return;
        }
        BigDecimal nextPerItem = perResolvedItem(next);
        BigDecimal perItem = tier.itemsResolved() == 0 ? null : perResolvedItem(tier);
        if (perItem != null && perItem.compareTo(nextPerItem) <= 0) {
            return;
        }
        String name = ladder.tier(tier.tierIndex()).name();
        String nextName = ladder.tier(next.tierIndex()).name();
        Map<String, Object> evidence = evidence(tier);
        evidence.put("costPerResolvedItem", perItem);
        evidence.put("nextTier", nextName);
        evidence.put("nextTierCostPerResolvedItem", nextPerItem);
        advice.add(new Recommendation(workflow, Type.COSTLIER_THAN_NEXT_TIER, name, name + " costs "
                + (perItem == null ? money(tier.cost()) + " and resolved no item" : money(perItem) + " per resolved item")
                + ", more than " + nextName + "'s " + money(nextPerItem) + ": consider skipping " + name + ".", evidence));
    }

    private static Map<String, Object> evidence(TierHistory tier) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("itemsReached", tier.itemsReached());
        evidence.put("itemsResolved", tier.itemsResolved());
        evidence.put("attempts", tier.attempts());
        evidence.put("cost", tier.cost().stripTrailingZeros());
        return evidence;
    }

    private static BigDecimal perResolvedItem(TierHistory tier) {
        return tier.cost().divide(BigDecimal.valueOf(tier.itemsResolved()), 6, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static String percent(double share) {
        return BigDecimal.valueOf(share * 100).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }
}
