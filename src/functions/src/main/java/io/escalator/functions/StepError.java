package io.escalator.functions;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.escalator.support.Json;

/**
 * The error output of a Step Functions Catch: {@code Error} is the error name (for a Lambda function, the exception's
 * type), {@code Cause} usually the Lambda error document {@code {"errorMessage","errorType","stackTrace"...}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StepError(@JsonProperty("Error") String error, @JsonProperty("Cause") String cause) {

    static final int MAX_REASON_LENGTH = 500;

    /**
     * One readable line for the run's status reason: the error name and the message the cause carries. Never a stack
     * trace (only the cause's message, and only its first line), and never longer than {@value #MAX_REASON_LENGTH}.
     */
    public String failureReason() {
        String name = error == null || error.isBlank() ? "unknown error" : error.strip();
        String message = firstLine(message());
        String reason = message.isEmpty() || message.equals(name) ? name : name + ": " + message;
        return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }

    private String message() {
        if (cause == null) {
            return "";
        }
        if (cause.strip().startsWith("{")) {
            try {
                JsonNode lambdaError = Json.readTree(cause);
                if (lambdaError.hasNonNull("errorMessage")) {
                    return lambdaError.get("errorMessage").asText();
                }
            } catch (RuntimeException notJson) {
                // a plain text cause that happens to start with a brace
            }
        }
        return cause;
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("").strip();
    }
}
