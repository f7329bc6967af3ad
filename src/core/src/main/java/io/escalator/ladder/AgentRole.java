package io.escalator.ladder;

/** The agents of a tier's team. Simple mode runs the generator only; full mode runs all three. */
public enum AgentRole {
    /** Reads the failure history and says what went wrong and what to change. */
    FAILURE_ANALYZER("analyzer"),
    /** Produces the answer that the gates check. */
    GENERATOR("generator"),
    /** Reviews the answer and states a confidence, the CQS confidence signal. */
    REVIEWER("reviewer");

    private final String key;

    AgentRole(String key) {
        this.key = key;
    }

    /** The name used in ladder files and reports. */
    public String key() {
        return key;
    }
}
