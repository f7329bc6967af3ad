package io.escalator.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Instants as fixed-width text, so that text order is time order in sort keys: {@code Instant.toString()} drops a
 * zero fraction, and {@code 10:00:00Z} would sort after {@code 10:00:00.500Z}.
 */
final class SortableTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private SortableTime() {
    }

    static String of(Instant instant) {
        return FORMAT.format(instant);
    }
}
