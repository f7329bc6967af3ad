package io.escalator.analytics;

import java.util.Map;

/**
 * A piece of advice learned from a workflow's history on the current ladder, with the numbers behind it.
 *
 * @param type     what to change: {@link Type}
 * @param tier     the tier it is about
 * @param evidence the figures the advice rests on, by name
 */
public record Recommendation(String workflow, Type type, String tier, String message, Map<String, Object> evidence) {

    public enum Type {
        /** The first tier resolves too few items to be worth its attempts: start at the second. */
        CAPABLE_FIRST,
        /** The first tier resolves nearly everything: the higher tiers are rarely needed. */
        CHEAP_ONLY,
        /** A tier's later attempts never succeed: fewer would do. */
        LOWER_MAX_ATTEMPTS,
        /** A tier costs more per item it resolves than the tier above it. */
        COSTLIER_THAN_NEXT_TIER
    }
}
