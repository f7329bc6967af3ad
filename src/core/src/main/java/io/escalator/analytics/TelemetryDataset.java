package io.escalator.analytics;

import io.escalator.ladder.AgentRole;
import io.escalator.ladder.Ladder;
import io.escalator.policy.Action;
import io.escalator.replay.RecordedAnswer;
import io.escalator.replay.RecordedDataset;
import io.escalator.replay.RecordedPrompt;
import io.escalator.telemetry.CallRecord;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The stack's own telemetry as a dataset the replay optimizer learns from: one recorded prompt per item (run and item
 * id), one "model" per tier of the current ladder, named after the tier. A tier's answer to an item is correct when one
 * of the item's attempts there was decided SUCCEED, and costs what those attempts cost (every call they made).
 * <p>
 * A tier the item never reached is filled in by an assumption ({@link #ASSUMPTION}): when a cheaper tier solved the
 * item, each costlier tier above it is assumed to solve it too, at that tier's mean observed cost per item. Items whose
 * tiers cannot all be known otherwise are left out and counted by {@link LeftOut reason}. A tier that no usable item
 * reached has no observed cost and is left out of the dataset; items climb tiers in order, so such tiers are always
 * the top of the ladder.
 *
 * @param runs   the runs the usable items belong to
 * @param tiers  every tier of the current ladder, cheapest first, with what was observed on it
 */
public record TelemetryDataset(RecordedDataset data, int runs, List<TierBasis> tiers, Map<LeftOut, Integer> leftOut) {

    public static final String ASSUMPTION = "A tier an item never reached: if a cheaper tier solved the item, each"
            + " costlier tier above it is assumed to solve it too, at that tier's mean observed cost per item.";

    /** Why an item of the period is not in the dataset. */
    public enum LeftOut {
        INCOMPLETE_HISTORY("its first attempts were made before the period or before the oldest record read"),
        OTHER_LADDER("an attempt ran on a tier or model that is not the current ladder's"),
        UNFINISHED("it stopped unsolved before the top tier gave up on it: budget exhausted, cancelled or still running");

        private final String why;

        LeftOut(String why) {
            this.why = why;
        }

        public String why() {
            return why;
        }
    }

    /**
     * One tier of the current ladder, as the usable items saw it.
     *
     * @param itemsReached       items with attempts on the tier
     * @param itemsSolved        of those, the items it solved
     * @param costPerItem        their mean cost on the tier; {@code null} when no item reached it
     * @param itemsAssumedSolved items a cheaper tier solved, assumed solved here at {@code costPerItem}
     */
    public record TierBasis(String tier, int itemsReached, int itemsSolved, BigDecimal costPerItem,
                            int itemsAssumedSolved) {

        public boolean observed() {
            return itemsReached > 0;
        }
    }

    public TelemetryDataset {
        tiers = List.copyOf(tiers);
        leftOut = Map.copyOf(leftOut);
    }

    /** The items in the dataset. */
    public int items() {
        return data.prompts().size();
    }

    public int itemsLeftOut() {
        return leftOut.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The tiers no usable item reached, left out of the dataset. */
    public List<String> unobservedTiers() {
        return tiers.stream().filter(tier -> !tier.observed()).map(TierBasis::tier).toList();
    }

    /**
     * @param calls        the period's records, in any order
     * @param limitReached older records of the period were not read: the items at the oldest record read may lack
     *                     some of their calls
     */
    public static TelemetryDataset of(List<CallRecord> calls, boolean limitReached, Ladder ladder, String source) {
        Instant oldestRead = limitReached ? calls.stream().map(CallRecord::at).min(Comparator.naturalOrder()).orElse(null)
                : null;
        Map<LeftOut, Integer> leftOut = new EnumMap<>(LeftOut.class);
        List<ItemHistory> usable = new ArrayList<>();
        Map<String, List<CallRecord>> byItem = calls.stream().collect(Collectors.groupingBy(
                call -> call.runId() + "/" + call.itemId(), LinkedHashMap::new, Collectors.toList()));
        byItem.forEach((item, itemCalls) -> {
            ItemHistory history = new ItemHistory(item, itemCalls.getFirst().runId(), ladder.size());
            LeftOut reason = history.read(itemCalls, ladder, oldestRead);
            if (reason == null) {
                usable.add(history);
            } else {
                leftOut.merge(reason, 1, Integer::sum);
            }
        });

        List<TierBasis> tiers = new ArrayList<>();
        List<String> models = new ArrayList<>();
        BigDecimal[] costPerItem = new BigDecimal[ladder.size()];
        for (int tier = 0; tier < ladder.size(); tier++) {
            int index = tier;
            List<ItemHistory> reached = usable.stream().filter(item -> item.highestTier >= index).toList();
            int assumed = (int) usable.stream().filter(item -> item.solvedTier >= 0 && item.solvedTier < index).count();
            if (!reached.isEmpty()) {
                costPerItem[tier] = reached.stream().map(item -> item.cost[index]).reduce(BigDecimal.ZERO, BigDecimal::add)
                        .divide(BigDecimal.valueOf(reached.size()), MathContext.DECIMAL64).stripTrailingZeros();
                models.add(ladder.tier(tier).name());
            }
            tiers.add(new TierBasis(ladder.tier(tier).name(), reached.size(),
                    (int) reached.stream().filter(item -> item.solvedTier == index).count(), costPerItem[tier],
                    reached.isEmpty() ? 0 : assumed));
        }

        List<RecordedPrompt> prompts = usable.stream().map(item -> item.prompt(models.size(), models, costPerItem)).toList();
        int runs = (int) usable.stream().map(item -> item.runId).distinct().count();
        return new TelemetryDataset(new RecordedDataset(source, models, prompts), runs, tiers, leftOut);
    }

    /** One item's attempts, tier by tier. */
    private static final class ItemHistory {
        private final String id;
        private final String runId;
        private final BigDecimal[] cost;
        private int highestTier = -1;
        /** The tier an attempt was decided SUCCEED on, or -1. */
        private int solvedTier = -1;

        ItemHistory(String id, String runId, int tiers) {
            this.id = id;
            this.runId = runId;
            this.cost = new BigDecimal[tiers];
            Arrays.fill(cost, BigDecimal.ZERO);
        }

        /** Reads the item's calls; returns why it cannot be used, or {@code null}. */
        LeftOut read(List<CallRecord> calls, Ladder ladder, Instant oldestRead) {
            TreeMap<Integer, List<CallRecord>> attempts = calls.stream().collect(Collectors.groupingBy(
                    CallRecord::attemptSeq, TreeMap::new, Collectors.toList()));
            // an attempt's calls share one time: at the oldest record read, some of them may be unread
            boolean cutOff = oldestRead != null && calls.stream().anyMatch(call -> call.at().equals(oldestRead));
            if (cutOff || attempts.firstKey() != 1 || attempts.lastKey() != attempts.size()) {
                return LeftOut.INCOMPLETE_HISTORY;
            }
            if (!calls.stream().allMatch(call -> onLadder(call, ladder))) {
                return LeftOut.OTHER_LADDER;
            }
            String lastDecision = null;
            for (List<CallRecord> attempt : attempts.values()) {
                int tier = attempt.getFirst().tierIndex();
                if (tier != highestTier && tier != highestTier + 1) {
                    return LeftOut.INCOMPLETE_HISTORY;
                }
                highestTier = tier;
                for (CallRecord call : attempt) {
                    cost[tier] = cost[tier].add(call.cost());
                }
                lastDecision = attempt.getFirst().decision();
                if (Action.SUCCEED.name().equals(lastDecision)) {
                    solvedTier = tier;
                }
            }
            boolean topGaveUp = Action.NEEDS_HUMAN.name().equals(lastDecision) && highestTier == ladder.topIndex();
            return solvedTier >= 0 || topGaveUp ? null : LeftOut.UNFINISHED;
        }

        RecordedPrompt prompt(int tierCount, List<String> tierNames, BigDecimal[] costPerItem) {
            Map<String, RecordedAnswer> answers = new LinkedHashMap<>();
            for (int tier = 0; tier < tierCount; tier++) {
                answers.put(tierNames.get(tier), tier <= highestTier
                        ? new RecordedAnswer(tier == solvedTier, "", cost[tier])
                        : new RecordedAnswer(true, "", costPerItem[tier]));
            }
            return new RecordedPrompt(id, "", answers);
        }

        private static boolean onLadder(CallRecord call, Ladder ladder) {
            if (call.tierIndex() < 0 || call.tierIndex() >= ladder.size()
                    || !ladder.tier(call.tierIndex()).name().equals(call.tier())) {
                return false;
            }
            for (AgentRole role : AgentRole.values()) {
                // CallRecords writes the role as its lower-case name
                if (role.name().toLowerCase(Locale.ROOT).equals(call.role())) {
                    return ladder.tier(call.tierIndex()).modelFor(role).model().equals(call.model());
                }
            }
            return false;
        }
    }
}
