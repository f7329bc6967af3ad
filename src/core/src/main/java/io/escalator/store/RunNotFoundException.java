package io.escalator.store;

public class RunNotFoundException extends RuntimeException {

    public RunNotFoundException(String runId) {
        super("no run with id " + runId);
    }
}
