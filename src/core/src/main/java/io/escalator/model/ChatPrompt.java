package io.escalator.model;

import io.escalator.cost.TokenCounter;

/**
 * One chat request: the system instructions and the user message.
 *
 * @param itemInput the input of the item the request is about, {@code null} when it is about none: how a provider that
 *                  answers from recorded data ({@code replay}) finds the item, without reading it out of the message
 */
public record ChatPrompt(String system, String user, String itemInput) {

    public ChatPrompt(String system, String user) {
        this(system, user, null);
    }

    /** A request known only by its item, for asking what answering that item costs where a provider knows it. */
    public static ChatPrompt aboutItem(String itemInput) {
        return new ChatPrompt("", "", itemInput);
    }

    public int tokens() {
        return TokenCounter.countMessages(system, user);
    }
}
