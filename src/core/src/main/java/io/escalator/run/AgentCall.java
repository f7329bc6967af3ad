package io.escalator.run;

import io.escalator.ladder.AgentRole;
import java.math.BigDecimal;

/**
 * One model call of an attempt.
 *
 * @param tokensCounted true when the provider reported no usage and the tokens were counted by the engine
 * @param failure       why the call gave no answer, or {@code null}
 */
public record AgentCall(AgentRole role, String model, int inputTokens, int outputTokens, BigDecimal cost,
                        long durationMs, boolean tokensCounted, String failure) {
}
