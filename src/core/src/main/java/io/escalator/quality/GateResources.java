package io.escalator.quality;

/**
 * What gates use beyond the answer: the sandbox {@code tests} gates run their tests in, and the recorded dataset
 * {@code recorded-label} gates judge by.
 */
public record GateResources(GateSandbox sandbox, RecordedVerdicts recorded) {

    /** Gates without a recorded dataset. */
    public static GateResources of(GateSandbox sandbox) {
        return new GateResources(sandbox, RecordedVerdicts.NONE);
    }
}
