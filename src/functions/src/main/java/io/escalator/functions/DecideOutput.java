package io.escalator.functions;

import io.escalator.engine.DecideStep.DecideResult;
import io.escalator.engine.DecideStep.Next;
import java.time.Duration;

/**
 * Output of decide, which becomes the state machine's state.
 *
 * @param next                   {@code EXECUTE} (items are still open), {@code AWAIT_APPROVAL} (an escalation would
 *                               pass the run's approval line: the run waits for a person) or {@code FINALIZE}
 * @param approvalTimeoutSeconds how long the state machine waits for that approval ({@code TimeoutSecondsPath} of
 *                               WaitForApproval, which a run also reaches after a retry on the top tier, when the
 *                               estimate's output is long gone from the state)
 */
public record DecideOutput(String runId, Next next, long approvalTimeoutSeconds) {

    static DecideOutput of(DecideResult result, Duration approvalDeadline) {
        return new DecideOutput(result.runId(), result.next(), TaskTimeouts.seconds(approvalDeadline));
    }
}
