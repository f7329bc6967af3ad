package io.escalator.engine;

import io.escalator.run.RunStatus;

/** A request that does not fit the run's current state, e.g. an approval for a run that is not waiting for one. */
public class RunStateConflictException extends RuntimeException {

    private final RunStatus status;

    public RunStateConflictException(String runId, RunStatus status, String what) {
        super("run " + runId + " is " + status + ": " + what);
        this.status = status;
    }

    public RunStatus status() {
        return status;
    }
}
