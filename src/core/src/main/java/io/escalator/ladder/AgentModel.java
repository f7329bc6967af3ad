package io.escalator.ladder;

/** The model one agent of a tier calls, and what that model costs. */
public record AgentModel(String model, Prices prices) {
}
