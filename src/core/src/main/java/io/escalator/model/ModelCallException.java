package io.escalator.model;

import io.escalator.cost.TokenUsage;

/** A model call that gave no usable answer. The message is the reason, fit for reports: no secrets, no stack. */
public class ModelCallException extends Exception {

    private final long durationMs;
    private final TokenUsage usage;

    public ModelCallException(String reason, long durationMs) {
        this(reason, durationMs, TokenUsage.NONE);
    }

    /** @param usage what the provider reported it billed for the call (an empty answer), else none */
    public ModelCallException(String reason, long durationMs, TokenUsage usage) {
        super(reason, null, false, false);
        this.durationMs = durationMs;
        this.usage = usage;
    }

    public long durationMs() {
        return durationMs;
    }

    /** The usage the provider reported for this failed call: what it is charged. Usually none. */
    public TokenUsage usage() {
        return usage;
    }
}
