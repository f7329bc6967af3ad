package io.escalator.engine;

/** Told of every step the local driver starts, in order (tests compare this with the state machine's path). */
@FunctionalInterface
public interface StepListener {

    void stepStarted(String runId, String step);
}
