package io.escalator.model;

import io.escalator.ladder.Secret;
import io.escalator.ladder.Tier;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/** Turns whatever a client library threw into one line that says what went wrong, with no secret in it. */
final class ModelFailures {

    private static final int MAX_DETAIL = 300;

    private ModelFailures() {
    }

    static String describe(Throwable failure, Tier tier, String model) {
        String where = "model " + model + " at " + tier.baseUrl();
        Integer status = httpStatus(failure);
        if (status != null) {
            return where + " answered HTTP " + status + detail(failure, tier);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return where + " is unreachable (connection refused)";
            }
            if (cause instanceof UnknownHostException) {
                return where + " is unreachable (unknown host " + cause.getMessage() + ")";
            }
            if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException
                    || cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                return where + " did not answer within " + tier.timeout().toSeconds() + " s";
            }
            String name = cause.getClass().getName().toLowerCase(Locale.ROOT);
            if (name.contains("json") || name.contains("mismatchedinput") || name.contains("parse")) {
                return where + " sent a response that could not be parsed" + detail(cause, tier);
            }
        }
        String closed = String.valueOf(rootCause(failure).getMessage()).toLowerCase(Locale.ROOT);
        if (closed.contains("connection") && (closed.contains("closed") || closed.contains("reset"))) {
            return where + " closed the connection without an answer";
        }
        return where + " failed: " + rootCause(failure).getClass().getSimpleName() + detail(rootCause(failure), tier);
    }

    /** The HTTP status of a failed call, from LangChain4j's or the REST client's exception, if there is one. */
    private static Integer httpStatus(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof dev.langchain4j.exception.HttpException http) {
                return http.statusCode();
            }
            if (cause instanceof jakarta.ws.rs.WebApplicationException web && web.getResponse() != null) {
                return web.getResponse().getStatus();
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String detail(Throwable failure, Tier tier) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return "";
        }
        message = scrub(message.replaceAll("\\s+", " ").strip(), tier);
        return ": " + (message.length() > MAX_DETAIL ? message.substring(0, MAX_DETAIL) + "..." : message);
    }

    private static String scrub(String message, Tier tier) {
        return tier.apiKey().map(Secret::reveal).filter(key -> !key.isEmpty())
                .map(key -> message.replace(key, "****"))
                .orElse(message);
    }
}
