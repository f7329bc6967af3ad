package io.escalator.functions;

/** Input of estimate, executeTier and decide: the run. */
public record RunStepInput(String runId) implements StepInput {

    @Override
    public void validate() {
        StepInput.requireText("runId", runId);
    }
}
