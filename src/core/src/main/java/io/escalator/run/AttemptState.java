package io.escalator.run;

public enum AttemptState {
    /** Budget reserved, model called or about to be: the outcome is not recorded yet. */
    STARTED,
    /** The outcome is recorded. */
    COMPLETED
}
