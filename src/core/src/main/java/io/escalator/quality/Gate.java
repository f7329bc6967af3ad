package io.escalator.quality;

/**
 * A check an answer must pass. The same answer always gets the same verdict (gates that run tests are as deterministic
 * as the tests they run).
 */
public sealed interface Gate permits ContainsGate, EqualsGate, RegexGate, JsonSchemaGate, TestsGate, RecordedLabelGate,
        GeneratedTestsGate {

    /**
     * The gate's type as written in requests ({@code contains}, {@code equals}, {@code regex}, {@code json-schema},
     * {@code tests}), {@code generated-tests} for the gate the test-gen workflow adds to every item, or
     * {@code recorded-label} for replay's gate on recorded answers.
     */
    String type();

    GateResult check(String answer);
}
