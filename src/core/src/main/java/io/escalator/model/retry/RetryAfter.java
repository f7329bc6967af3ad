package io.escalator.model.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How long a provider asked to be left alone, from its response headers: {@code Retry-After} as seconds or as an HTTP
 * date (RFC 9110), or OpenAI's more precise {@code retry-after-ms}. A date in the past or a value that is neither
 * means no wait was asked for.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait the headers ask for, counted from {@code now} for a date. Header names are matched ignoring case. */
    public static Optional<Duration> from(Map<String, List<String>> headers, Instant now) {
        Optional<Duration> millis = header(headers, "retry-after-ms").flatMap(RetryAfter::millis);
        return millis.isPresent() ? millis : header(headers, "retry-after").flatMap(value -> parse(value, now));
    }

    /** A {@code Retry-After} value: delay-seconds or an HTTP date. */
    public static Optional<Duration> parse(String value, Instant now) {
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        if (Character.isDigit(trimmed.charAt(0))) {
            return seconds(trimmed);
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> seconds(String value) {
        try {
            // the standard says whole seconds; some servers send a fraction
            double seconds = Double.parseDouble(value);
            return Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> millis(String value) {
        try {
            return Optional.of(Duration.ofMillis((long) Math.ceil(Double.parseDouble(value.strip()))))
                    .filter(wait -> !wait.isNegative());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(header -> header.getKey() != null && header.getKey().equalsIgnoreCase(name))
                .flatMap(header -> header.getValue().stream())
                .findFirst();
    }
}
