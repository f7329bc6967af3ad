package io.escalator.model;

/** A model call that gave no usable answer. The message is the reason, fit for reports: no secrets, no stack. */
public class ModelCallException extends Exception {

    private final long durationMs;

    public ModelCallException(String reason, long durationMs) {
        super(reason, null, false, false);
        this.durationMs = durationMs;
    }

    public long durationMs() {
        return durationMs;
    }
}
