package io.escalator.quality;

/** Passes when the answer contains the value (case-sensitive). */
public record ContainsGate(String value) implements Gate {

    public static final String TYPE = "contains";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public GateResult check(String answer) {
        return answer.contains(value)
                ? GateResult.pass(TYPE, "answer contains \"" + value + "\"")
                : GateResult.fail(TYPE, "answer does not contain the required text \"" + value + "\"");
    }
}
