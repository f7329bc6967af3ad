package io.escalator.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A time range given as request parameters, from {@code since} (inclusive) until {@code until} (exclusive); either
 * may be absent. Each is an ISO-8601 instant ({@code 2026-11-20T10:00:00Z}, or with an offset) or a date
 * ({@code 2026-11-20}, in UTC): a date as {@code since} starts the range at the start of that day, a date as
 * {@code until} ends it at the end of that day, so {@code since=2026-11-20&until=2026-11-20} is that whole day.
 */
public record TimeRange(Instant since, Instant until) {

    public static final String SINCE = "since";
    public static final String UNTIL = "until";

    /** Reads both bounds, adding every problem (each naming its parameter) to {@code errors}. */
    public static TimeRange parse(String since, String until, FieldErrors errors) {
        Instant from = bound(SINCE, since, false, errors);
        Instant to = bound(UNTIL, until, true, errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(SINCE, "must be before until, was " + from + " with until " + to);
        }
        return new TimeRange(from, to);
    }

    private static Instant bound(String field, String text, boolean endOfDay, FieldErrors errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            // a date, then
        }
        try {
            LocalDate day = LocalDate.parse(value);
            return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            errors.add(field, "must be an ISO-8601 instant like 2026-11-20T10:00:00Z or a date like 2026-11-20, was '"
                    + text + "'");
            return null;
        }
    }
}
