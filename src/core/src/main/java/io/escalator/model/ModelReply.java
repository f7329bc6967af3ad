package io.escalator.model;

import io.escalator.cost.TokenUsage;
import io.escalator.ladder.Prices;
import java.math.BigDecimal;

/**
 * A model's answer.
 *
 * @param usageCounted true when the provider reported no usage and the tokens were counted here instead
 * @param exactCost    what the call cost when the provider knows it exactly (a replayed call costs what it was recorded
 *                     to cost), else {@code null}: the call costs its tokens at the model's prices
 */
public record ModelReply(String text, TokenUsage usage, boolean usageCounted, long durationMs, BigDecimal exactCost) {

    public ModelReply(String text, TokenUsage usage, boolean usageCounted, long durationMs) {
        this(text, usage, usageCounted, durationMs, null);
    }

    /** The call's cost: its exact cost when the provider gave one, else its tokens at these prices. */
    public BigDecimal cost(Prices prices) {
        return exactCost != null ? exactCost : prices.cost(usage);
    }
}
