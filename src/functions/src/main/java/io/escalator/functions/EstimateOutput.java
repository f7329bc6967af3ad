package io.escalator.functions;

import io.escalator.engine.EstimateStep.EstimateResult;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Output of estimate.
 *
 * @param approvalTimeoutSeconds how long the state machine waits for the approval ({@code TimeoutSecondsPath})
 * @param estimatedCost          the estimate's total, USD
 */
public record EstimateOutput(String runId, boolean approvalRequired, long approvalTimeoutSeconds,
                             BigDecimal estimatedCost) {

    static EstimateOutput of(EstimateResult result, Duration approvalDeadline) {
        return new EstimateOutput(result.runId(), result.approvalRequired(), TaskTimeouts.seconds(approvalDeadline),
                result.estimate().total());
    }
}
