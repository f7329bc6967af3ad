package io.escalator.model;

import io.escalator.cost.TokenUsage;

/**
 * A model's answer.
 *
 * @param usageCounted true when the provider reported no usage and the tokens were counted here instead
 */
public record ModelReply(String text, TokenUsage usage, boolean usageCounted, long durationMs) {
}
