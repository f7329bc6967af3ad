package io.escalator.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What {@link ScriptedOpenAiServer} answers to one chat completion request. */
public sealed interface Reply {

    /**
     * A successful chat completion whose assistant message is {@code content}.
     *
     * <p>Unless overridden with {@link Text#withUsage} or {@link Text#withoutUsage}, the response
     * reports as {@code prompt_tokens} the number of whitespace-separated words in the contents of
     * all request messages, and as {@code completion_tokens} the number of words in {@code content}.
     */
    static Text text(String content) {
        return new Text(content, new Usage.WordCounts());
    }

    /**
     * An HTTP error: {@code status} with {@code body} as {@code application/json}. Add headers
     * (e.g. {@code Retry-After}) with {@link Http#withHeader}.
     */
    static Http httpError(int status, String body) {
        return new Http(status, body);
    }

    /**
     * Exactly {@code status} and {@code body}, labelled {@code application/json} whatever the body
     * is, as a broken server would.
     */
    static Http raw(int status, String body) {
        return new Http(status, body);
    }

    /**
     * Starts {@code reply}'s chat completion, announcing its full length, then closes the
     * connection after the first half of its bytes: a response cut off in transit.
     */
    static Reply truncated(Text reply) {
        return new Truncated(reply);
    }

    /** {@code reply}, sent only after {@code delay}. */
    static Reply delayed(Duration delay, Reply reply) {
        return new Delayed(delay, reply);
    }

    /** Closes the connection without sending any response. */
    static Reply disconnect() {
        return new Disconnect();
    }

    record Text(String content, Usage usage) implements Reply {

        public Text {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(usage, "usage");
        }

        /** Reports exactly these token counts; {@code total_tokens} is their sum. */
        public Text withUsage(int promptTokens, int completionTokens) {
            return new Text(content, new Usage.Exact(promptTokens, completionTokens));
        }

        /** Leaves the {@code usage} object out of the response, as some local servers do. */
        public Text withoutUsage() {
            return new Text(content, new Usage.Omitted());
        }
    }

    /** @param headers extra response headers, in order */
    record Http(int status, String body, Map<String, String> headers) implements Reply {

        public Http {
            Objects.requireNonNull(body, "body");
            headers = Map.copyOf(headers);
        }

        public Http(int status, String body) {
            this(status, body, Map.of());
        }

        /** The same reply with one more response header. */
        public Http withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Http(status, body, more);
        }
    }

    record Truncated(Text reply) implements Reply {

        public Truncated {
            Objects.requireNonNull(reply, "reply");
        }
    }

    record Delayed(Duration delay, Reply reply) implements Reply {

        public Delayed {
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(reply, "reply");
        }
    }

    record Disconnect() implements Reply {}

    /** How a {@link Text} reply reports token usage. */
    sealed interface Usage {

        record WordCounts() implements Usage {}

        record Exact(int promptTokens, int completionTokens) implements Usage {}

        record Omitted() implements Usage {}
    }
}
