package io.escalator.testing;

import java.time.Duration;
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

    /** An HTTP error: {@code status} with {@code body} as {@code application/json}. */
    static Reply httpError(int status, String body) {
        return new Http(status, body);
    }

    /**
     * Exactly {@code status} and {@code body}, labelled {@code application/json} whatever the body
     * is, as a broken server would.
     */
    static Reply raw(int status, String body) {
        return new Http(status, body);
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

    record Http(int status, String body) implements Reply {

        public Http {
            Objects.requireNonNull(body, "body");
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
