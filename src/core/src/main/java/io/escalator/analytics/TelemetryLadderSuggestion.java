package io.escalator.analytics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A ladder suggested from the stack's own telemetry, or why there is none yet, with what it rests on.
 *
 * @param workflow   {@code null}: every workflow
 * @param current    the current ladder replayed on the items; {@code null} without enough history
 * @param suggested  the suggested ladder replayed on the same items; {@code null} without enough history
 * @param ladderFile the suggested ladder as a ladder file to deploy; {@code null} without enough history
 * @param notes      what to know or do before deploying it
 */
public record TelemetryLadderSuggestion(String workflow, Status status, String message, Basis basis,
                                        LadderFigures current, LadderFigures suggested, ObjectNode ladderFile,
                                        List<String> notes) {

    public enum Status {
        SUGGESTED,
        /** Fewer usable items than the configured minimum: no suggestion. */
        INSUFFICIENT_HISTORY
    }

    public TelemetryLadderSuggestion {
        notes = List.copyOf(notes);
    }

    /**
     * What the suggestion is learned from.
     *
     * @param since            the period's start (inclusive)
     * @param until            its end (exclusive): when the answer was made
     * @param callsRead        telemetry records read, newest first
     * @param callLimit        the most records one suggestion reads
     * @param callLimitReached the period had older records, left unread
     * @param items            items the suggestion is learned from
     * @param minItems         items needed for a suggestion
     * @param itemsLeftOut     items of the period left out, by reason
     * @param tiers            each tier of the current ladder as the items saw it
     * @param assumption       how tiers an item never reached are filled in
     * @param method           how the ladders are compared
     */
    public record Basis(Instant since, Instant until, int days, int callsRead, int callLimit, boolean callLimitReached,
                        int runs, int items, int minItems, List<LeftOutItems> itemsLeftOut,
                        List<TelemetryDataset.TierBasis> tiers, String assumption, String method) {

        public Basis {
            itemsLeftOut = List.copyOf(itemsLeftOut);
            tiers = List.copyOf(tiers);
        }
    }

    public record LeftOutItems(TelemetryDataset.LeftOut reason, int items, String why) {
    }

    /**
     * A ladder replayed on the items.
     *
     * @param accuracy       the share of the items it solves
     * @param savingsPercent how much less it costs per item than the current ladder; {@code null} for the current one
     */
    public record LadderFigures(List<TierFigure> tiers, double accuracy, BigDecimal costPerItem, Double savingsPercent) {

        public LadderFigures {
            tiers = List.copyOf(tiers);
        }
    }

    /** @param reachedShare the share of the items that make an attempt on the tier */
    public record TierFigure(String tier, String model, double reachedShare) {
    }
}
