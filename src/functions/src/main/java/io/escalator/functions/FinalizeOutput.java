package io.escalator.functions;

import io.escalator.engine.FinalizeStep.FinalizeResult;
import io.escalator.run.RunStatus;
import java.time.Duration;

/**
 * Output of finalize.
 *
 * @param humanReviewTimeoutSeconds how long the state machine waits for a person when the run needs one
 *                                  ({@code TimeoutSecondsPath})
 */
public record FinalizeOutput(String runId, RunStatus status, long humanReviewTimeoutSeconds) {

    static FinalizeOutput of(FinalizeResult result, Duration humanReviewTimeout) {
        return new FinalizeOutput(result.runId(), result.status(), TaskTimeouts.seconds(humanReviewTimeout));
    }
}
