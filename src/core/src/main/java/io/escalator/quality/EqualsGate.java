package io.escalator.quality;

/**
 * Passes when the trimmed answer equals the trimmed value. Its failure message never shows the expected value:
 * failure messages are fed back to the model, and this one would hand it the answer.
 */
public record EqualsGate(String value) implements Gate {

    public static final String TYPE = "equals";
    private static final int SHOWN_CHARS = 200;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public GateResult check(String answer) {
        String trimmed = answer.strip();
        if (trimmed.equals(value.strip())) {
            return GateResult.pass(TYPE, "answer equals the expected value");
        }
        String shown = trimmed.length() > SHOWN_CHARS ? trimmed.substring(0, SHOWN_CHARS) + "..." : trimmed;
        return GateResult.fail(TYPE, "answer \"" + shown + "\" is not the expected value");
    }
}
