package io.escalator.model;

import io.escalator.cost.TokenCounter;

/** One chat request: the system instructions and the user message. */
public record ChatPrompt(String system, String user) {

    public int tokens() {
        return TokenCounter.countMessages(system, user);
    }
}
