package io.escalator.run;

public enum ItemStatus {
    /** Still climbing: its next attempt is due. */
    OPEN,
    SUCCEEDED,
    NEEDS_HUMAN,
    BUDGET_EXHAUSTED,
    /** Closed by the engine for a reason outside the policy (e.g. the run could not go on). */
    FAILED,
    /** Closed because a person stopped the run (approval rejected, or aborted). */
    CANCELLED
}
