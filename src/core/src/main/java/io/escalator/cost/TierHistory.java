package io.escalator.cost;

/**
 * What earlier runs of a workflow did on one tier of a ladder: how many items reached it, how many attempts and
 * model calls they made there, and how many output tokens those calls produced.
 */
public record TierHistory(int tierIndex, long itemsReached, long attempts, long calls, long outputTokens) {

    public static TierHistory none(int tierIndex) {
        return new TierHistory(tierIndex, 0, 0, 0, 0);
    }
}
