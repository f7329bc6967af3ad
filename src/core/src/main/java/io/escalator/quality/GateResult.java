package io.escalator.quality;

/**
 * The verdict of one gate on one answer.
 *
 * @param message      what was checked and, on failure, why it failed (fed back to the next attempt's prompt)
 * @param syntaxErrors syntax errors the gate found in the answer (e.g. an answer that should be JSON and is not)
 * @param tests        what a gate that runs tests measured; {@code null} for other gates
 */
public record GateResult(String type, boolean passed, String message, int syntaxErrors, TestMeasures tests) {

    public GateResult(String type, boolean passed, String message, int syntaxErrors) {
        this(type, passed, message, syntaxErrors, null);
    }

    public static GateResult pass(String type, String message) {
        return new GateResult(type, true, message, 0);
    }

    public static GateResult fail(String type, String message) {
        return new GateResult(type, false, message, 0);
    }

    /** How much of the gate passed, 0..1: the share of its tests for a gate that runs tests, else all or nothing. */
    public double passedShare() {
        return tests != null ? tests.passRate() : passed ? 1 : 0;
    }
}
