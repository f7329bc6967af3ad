package io.escalator.testing;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A chat completion request as {@link ScriptedOpenAiServer} received it.
 *
 * @param model the requested {@code model}
 * @param messages the {@code messages}, with multi-part contents joined into plain text
 * @param maxTokens {@code max_completion_tokens}, or else {@code max_tokens}, if the request set one
 * @param rawBody the request body exactly as sent
 * @param headers the request headers; {@link #header(String)} looks them up ignoring case
 * @param receivedAt when the server began to read the request
 */
public record RecordedRequest(
        String model, List<Message> messages, OptionalInt maxTokens, String rawBody, Map<String, List<String>> headers,
        Instant receivedAt) {

    public RecordedRequest {
        messages = List.copyOf(messages);
        TreeMap<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> caseInsensitive.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(caseInsensitive);
    }

    /** The contents of all user messages, in order, joined by newlines. */
    public String userText() {
        return messages.stream()
                .filter(message -> message.role().equals("user"))
                .map(Message::content)
                .collect(Collectors.joining("\n"));
    }

    /** The first value of the header {@code name}, matched ignoring case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name)).flatMap(values -> values.stream().findFirst());
    }

    /** One entry of the request's {@code messages}; {@code content} is empty when the message had none. */
    public record Message(String role, String content) {}
}
