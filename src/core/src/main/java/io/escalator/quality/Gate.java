package io.escalator.quality;

/** A check an answer must pass. Gates are pure: the same answer always gets the same verdict. */
public sealed interface Gate permits ContainsGate, EqualsGate, RegexGate, JsonSchemaGate {

    /** The gate's type as written in requests: {@code contains}, {@code equals}, {@code regex}, {@code json-schema}. */
    String type();

    GateResult check(String answer);
}
