package io.escalator.run;

import io.escalator.ladder.AgentRole;
import io.escalator.quality.GateResult;
import io.escalator.quality.Signals;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One try of one item on one tier: recorded when it starts (with its budget reservation) and completed once, with
 * everything that happened. Never overwritten after that but for the decision taken on it.
 *
 * @param seq          the item's attempt number over all tiers, from 1; with the run and item it is the attempt's key
 * @param attemptAtTier the attempt's number on its tier, from 1
 * @param promptDigest SHA-256 of the generator's prompt
 * @param output       the generator's answer (truncated when huge), or {@code null}
 * @param failure      why no usable answer came, or {@code null}
 * @param analysis     the failure analyzer's notes and the reviewer's assessment (full mode)
 */
public record Attempt(
        String runId,
        String itemId,
        int seq,
        int tierIndex,
        String tierName,
        String model,
        int attemptAtTier,
        AttemptState state,
        BigDecimal reservedCost,
        String promptDigest,
        String output,
        List<GateResult> gates,
        Signals signals,
        double cqs,
        int inputTokens,
        int outputTokens,
        BigDecimal cost,
        long durationMs,
        String failure,
        String analysis,
        List<AgentCall> calls,
        AttemptDecision decision,
        Instant startedAt,
        Instant finishedAt) {

    /** The model asked for the answer: the generator's, or the tier's when no call was recorded (interrupted). */
    public String generatorModel() {
        return calls == null ? model : calls.stream().filter(call -> call.role() == AgentRole.GENERATOR)
                .map(AgentCall::model).findFirst().orElse(model);
    }

    public boolean isCompleted() {
        return state == AttemptState.COMPLETED;
    }

    public boolean isDecided() {
        return decision != null;
    }

    public Attempt withDecision(AttemptDecision taken) {
        return new Attempt(runId, itemId, seq, tierIndex, tierName, model, attemptAtTier, state, reservedCost,
                promptDigest, output, gates, signals, cqs, inputTokens, outputTokens, cost, durationMs, failure, analysis,
                calls, taken, startedAt, finishedAt);
    }
}
