package io.escalator.cost;

/** Tokens a model call used, as the provider reported them (or as counted when it did not). */
public record TokenUsage(int inputTokens, int outputTokens) {

    public static final TokenUsage NONE = new TokenUsage(0, 0);

    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
    }

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
    }

    public int total() {
        return inputTokens + outputTokens;
    }
}
