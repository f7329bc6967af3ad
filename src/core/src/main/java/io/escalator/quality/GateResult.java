package io.escalator.quality;

/**
 * The verdict of one gate on one answer.
 *
 * @param message      what was checked and, on failure, why it failed (fed back to the next attempt's prompt)
 * @param syntaxErrors syntax errors the gate found in the answer (e.g. an answer that should be JSON and is not)
 */
public record GateResult(String type, boolean passed, String message, int syntaxErrors) {

    public static GateResult pass(String type, String message) {
        return new GateResult(type, true, message, 0);
    }

    public static GateResult fail(String type, String message) {
        return new GateResult(type, false, message, 0);
    }
}
