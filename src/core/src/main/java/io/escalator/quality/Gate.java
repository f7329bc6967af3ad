package io.escalator.quality;

/**
 * A check an answer must pass. The same answer always gets the same verdict (gates that run tests are as deterministic
 * as the tests they run).
 */
public sealed interface Gate permits ContainsGate, EqualsGate, RegexGate, JsonSchemaGate, TestsGate, RecordedLabelGate,
        DatasetLabelGate, GeneratedTestsGate {

    /**
     * The gate's type as written in requests ({@code contains}, {@code equals}, {@code regex}, {@code json-schema},
     * {@code tests}, {@code recorded-label}), or {@code generated-tests} for the gate the test-gen workflow adds to every
     * item.
     */
    String type();

    GateResult check(String answer);

    /** Checks an answer knowing where it came from; only gates whose verdict depends on that look at it. */
    default GateResult check(String answer, AnswerOrigin origin) {
        return check(answer);
    }
}
