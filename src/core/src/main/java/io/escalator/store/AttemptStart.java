package io.escalator.store;

/** How an attempt's start went. */
public enum AttemptStart {
    /** Recorded, with its budget reserved: call the model. */
    STARTED,
    /** This attempt was already recorded by an earlier invocation: do not call the model again. */
    ALREADY_STARTED,
    /** The reservation does not fit the run's budget (cost or attempt cap): nothing was recorded. */
    BUDGET_REFUSED,
    /** The run is not running any more: nothing was recorded. */
    RUN_NOT_RUNNING
}
