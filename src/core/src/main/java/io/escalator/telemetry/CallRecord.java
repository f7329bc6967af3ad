package io.escalator.telemetry;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Telemetry of one model call: what it cost and how the attempt it belonged to came out. Never any prompt or answer
 * text, and the caller only as a keyed hash.
 *
 * @param callIndex the call's place among its attempt's calls (analyzer, generator, reviewer), from 0
 * @param outcome   {@code answered} or {@code failed} (the reason stays on the attempt: it may quote the model)
 * @param cqs       the attempt's composite quality score
 * @param decision  what the policy decided on the attempt (SUCCEED, RETRY, ESCALATE, ...)
 * @param userHash  the HMAC of the caller's user id, or {@code null}
 */
public record CallRecord(
        String workflow,
        String runId,
        String itemId,
        int attemptSeq,
        int callIndex,
        String role,
        int tierIndex,
        String tier,
        String model,
        String provider,
        int inputTokens,
        int outputTokens,
        BigDecimal cost,
        long durationMs,
        String outcome,
        double cqs,
        String decision,
        boolean escalated,
        String userHash,
        Instant at) {

    public static final String ANSWERED = "answered";
    public static final String FAILED = "failed";
}
