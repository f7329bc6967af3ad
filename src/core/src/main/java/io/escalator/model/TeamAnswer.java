package io.escalator.model;

import io.escalator.quality.QualityCheck;
import io.escalator.run.AgentCall;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a tier's team produced in one attempt.
 *
 * @param answer       the generator's answer, or {@code null} when it gave none
 * @param failure      why there is no answer, or {@code null}
 * @param notes        the analyzer's and reviewer's notes (full mode)
 * @param promptDigest SHA-256 of the generator's prompt
 */
public record TeamAnswer(String answer, String failure, String notes, QualityCheck quality, List<AgentCall> calls,
                         String promptDigest) {

    public BigDecimal cost() {
        return calls.stream().map(AgentCall::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public int inputTokens() {
        return calls.stream().mapToInt(AgentCall::inputTokens).sum();
    }

    public int outputTokens() {
        return calls.stream().mapToInt(AgentCall::outputTokens).sum();
    }

    public long durationMs() {
        return calls.stream().mapToLong(AgentCall::durationMs).sum();
    }
}
