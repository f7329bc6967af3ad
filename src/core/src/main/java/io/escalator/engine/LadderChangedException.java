package io.escalator.engine;

/** The run was started on another ladder than the one configured now; its steps cannot go on with this one. */
public class LadderChangedException extends RuntimeException {

    public LadderChangedException(String runId) {
        super("run " + runId + " was started on a different ladder than the one configured now");
    }
}
