package io.escalator.model.retry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Why one try of a model call gave no usable response, and whether trying again may help.
 *
 * @param kind       a short label with no provider text in it, for logs ("HTTP 429", "timeout")
 * @param what       what happened, as the end of a sentence about the model ("answered HTTP 429: Rate limit reached")
 * @param retryable  whether the same request may well succeed later
 * @param retryAfter the wait the provider asked for, if it asked
 */
public record CallFault(String kind, String what, boolean retryable, Optional<Duration> retryAfter) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 300;

    /**
     * An answer with an error status. 408, 429 and 5xx are worth another try; any other 4xx (a bad request, a bad key,
     * an unknown model) would fail the same way again. The Retry-After is kept only where it means "come back later".
     */
    public static CallFault httpStatus(int status, String body, Optional<Duration> retryAfter) {
        boolean worthRetrying = status == 408 || status == 429 || status >= 500;
        boolean waitAsked = status == 429 || status == 503;
        return new CallFault("HTTP " + status, "answered HTTP " + status + detail(errorMessage(body)), worthRetrying,
                waitAsked ? retryAfter : Optional.empty());
    }

    /** A 2xx response whose body is not JSON, or JSON cut short: a broken proxy or a dropped stream, worth retrying. */
    public static CallFault unreadableBody(String parserMessage) {
        return new CallFault("unreadable response", "sent a response that could not be parsed" + detail(parserMessage),
                true, Optional.empty());
    }

    /** No response in time: a try that may well succeed later (a busy server). */
    public static CallFault timedOut(Duration timeout) {
        return new CallFault("timeout", "did not answer within " + seconds(timeout) + " s", true, Optional.empty());
    }

    /** A failure of the connection itself: refused, reset, closed before or while the response came. */
    public static CallFault network(IOException failure, Duration timeout) {
        if (failure instanceof HttpConnectTimeoutException) {
            return new CallFault("connect timeout", "could not be connected to within " + seconds(timeout) + " s",
                    true, Optional.empty());
        }
        if (failure instanceof HttpTimeoutException) {
            return timedOut(timeout);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
                return new CallFault("unknown host", "is unreachable (unknown host)", true, Optional.empty());
            }
            if (cause instanceof ConnectException) {
                return new CallFault("connection refused", "is unreachable (connection refused)", true,
                        Optional.empty());
            }
        }
        return new CallFault("connection closed", closedConnection(failure), true, Optional.empty());
    }

    /** The JDK's client says only in its messages whether the response had begun. */
    private static String closedConnection(IOException failure) {
        String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("reset")) {
            return "reset the connection";
        }
        // "fixed content-length: 120, bytes received: 60", "EOF reached while reading" (a chunked body)
        if (message.contains("bytes received") || message.contains("eof reached")) {
            return "closed the connection in the middle of its response";
        }
        // "HTTP/1.1 header parser received no bytes"
        return "closed the connection without an answer";
    }

    /** The provider's own words from an OpenAI-style error body ({@code {"error": {"message": ...}}}), else the body. */
    private static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode message = JSON.readTree(body).path("error").path("message");
            if (message.isTextual() && !message.asText().isBlank()) {
                return message.asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the body itself says what it says
        }
        return body;
    }

    private static String detail(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String line = message.replaceAll("\\s+", " ").strip();
        return ": " + (line.length() > MAX_DETAIL ? line.substring(0, MAX_DETAIL) + "..." : line);
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
