package io.escalator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Escalator HTTP API over {@link HttpClient}, with the API token as a bearer token when there is one. Every
 * failure becomes a {@link CliException} with one line that says what happened: the API could not be reached, or it
 * answered with an error (its {@code error} and {@code details} shown compactly). The token is never shown.
 */
final class ApiClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_ERROR_CHARS = 300;

    private final URI base;
    private final String token;
    private final HttpClient http;

    /**
     * @param base  the API's root, e.g. {@code http://localhost:8080} or a deployed stage's URL
     * @param token sent as {@code Authorization: Bearer <token>}; {@code null}: none
     */
    ApiClient(URI base, String token) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.token = token;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The answer's body, parsed as JSON. */
    JsonNode json(ApiRequest request) {
        return Json.parse(send(request).body());
    }

    /** The answer when its status is 2xx; any other is a {@link CliException}. */
    ApiResponse send(ApiRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.target()))
                .timeout(ANSWER_TIMEOUT)
                .header("Accept", request.accept())
                .header("User-Agent", "escalator-cli/" + Escalator.version());
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (request.body() != null) {
            builder.header("Content-Type", ApiRequest.JSON)
                    .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw CliException.unreachable("cannot reach the Escalator API at " + base + ": " + why(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.api("interrupted while waiting for the Escalator API");
        }
        ApiResponse answer = new ApiResponse(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""), response.body());
        if (answer.status() / 100 != 2) {
            throw CliException.api(describe(request, answer));
        }
        return answer;
    }

    /** A 2xx answer of the API. */
    record ApiResponse(int status, String contentType, String body) {
    }

    private static String why(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + ANSWER_TIMEOUT.toSeconds() + " s";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException && (cause.getMessage() == null
                    || cause.getMessage().toLowerCase().contains("refused"))) {
                return "connection refused";
            }
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "unknown host";
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    /** One line for an error answer: the request's own words for a 404, the API's error and details otherwise. */
    private String describe(ApiRequest request, ApiResponse answer) {
        int status = answer.status();
        if (status == 404 && request.notFound() != null) {
            return request.notFound();
        }
        String error = errorOf(answer);
        return switch (status) {
            case 400 -> error;
            case 401 -> token == null
                    ? "the Escalator API needs a token: set " + Escalator.TOKEN_VARIABLE + " to the stack's token (HTTP 401)"
                    : "the Escalator API refused the token in " + Escalator.TOKEN_VARIABLE + " (HTTP 401): set it to the"
                            + " stack's token";
            case 404 -> "not found: " + request.method() + " " + request.path() + " (" + error + ")";
            case 409 -> "conflict: " + error;
            case 406 -> "the Escalator API cannot answer " + request.method() + " " + request.path() + " as "
                    + request.accept() + " (HTTP 406)";
            default -> status >= 500
                    ? "the Escalator API failed (HTTP " + status + "): " + error
                    : "the Escalator API refused " + request.method() + " " + request.path() + " (HTTP " + status + "): " + error;
        };
    }

    /** The API's {@code error} with its {@code details} ({@code field: message; ...}), or the body's first words. */
    private static String errorOf(ApiResponse answer) {
        JsonNode body = Json.tryParse(answer.body());
        String error = Json.text(body, "error");
        if (error == null && body != null && body.path("details").isTextual()) {
            // an error the API's own mapping did not see, as Quarkus reports it: {"details": "Error id ..."}
            return Formats.oneLine(body.path("details").asText());
        }
        if (error == null) {
            String text = answer.body() == null ? "" : answer.body().strip();
            return text.isEmpty() ? "HTTP " + answer.status() : Formats.abbreviate(text, MAX_ERROR_CHARS);
        }
        List<String> details = new ArrayList<>();
        for (JsonNode detail : body.path("details")) {
            String field = Json.text(detail, "field");
            String message = Json.text(detail, "message");
            details.add(field == null ? String.valueOf(message) : field + ": " + message);
        }
        String line = details.isEmpty() ? error : error + " (" + String.join("; ", details) + ")";
        String status = Json.text(body, "status");
        if (status != null && !line.contains(status)) {
            line += " (run status " + status + ")";
        }
        return Formats.oneLine(line);
    }
}
