package io.escalator.ladder;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One rung of the ladder: a model behind an endpoint, its prices, how often it may be tried and when its items
 * move up.
 *
 * @param region   a Bedrock tier's AWS region, else {@code null} (the default region of the environment)
 * @param endpoint a Bedrock tier's endpoint override (a VPC endpoint, a test server), else {@code null}
 */
public record Tier(
        String name,
        String provider,
        URI baseUrl,
        String model,
        @JsonIgnore Optional<Secret> apiKey,
        Prices prices,
        int minAttempts,
        int maxAttempts,
        AgentMode mode,
        Map<AgentRole, AgentModel> agentOverrides,
        EscalationThresholds thresholds,
        int maxOutputTokens,
        Duration timeout,
        @JsonInclude(JsonInclude.Include.NON_NULL) String region,
        @JsonInclude(JsonInclude.Include.NON_NULL) URI endpoint) {

    public Tier {
        apiKey = apiKey == null ? Optional.empty() : apiKey;
        agentOverrides = agentOverrides == null ? Map.of() : Map.copyOf(agentOverrides);
    }

    /** The model an agent of this tier calls: its override, else the tier's own model. */
    public AgentModel modelFor(AgentRole role) {
        return agentOverrides.getOrDefault(role, new AgentModel(model, prices));
    }
}
