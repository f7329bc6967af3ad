package io.escalator.functions;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Input of finalize: the state machine's whole state, of which only the run and, when a step failed, the error it
 * caught count.
 *
 * @param error what a Catch put at {@code $.error}, or {@code null} when the run ran its course
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FinalizeInput(String runId, StepError error) implements StepInput {

    @Override
    public void validate() {
        StepInput.requireText("runId", runId);
    }

    /** Why the run could not go on, or {@code null} when no step failed. */
    public String failureReason() {
        return error == null ? null : error.failureReason();
    }
}
