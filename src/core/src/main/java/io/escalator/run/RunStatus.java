package io.escalator.run;

public enum RunStatus {
    RUNNING,
    /** Waiting for a person to approve its estimated cost; no model is called meanwhile. */
    AWAITING_APPROVAL,
    SUCCEEDED,
    NEEDS_HUMAN,
    BUDGET_EXHAUSTED,
    FAILED,
    /** Stopped by a person (approval rejected) or by a deadline. */
    CANCELLED;

    public boolean isTerminal() {
        return this != RUNNING && this != AWAITING_APPROVAL;
    }
}
