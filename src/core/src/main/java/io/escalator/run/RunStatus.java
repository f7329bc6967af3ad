package io.escalator.run;

public enum RunStatus {
    RUNNING,
    SUCCEEDED,
    NEEDS_HUMAN,
    BUDGET_EXHAUSTED,
    FAILED;

    public boolean isTerminal() {
        return this != RUNNING;
    }
}
