package io.escalator.model.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void secondsAreAWaitFromNow() {
        assertThat(RetryAfter.parse("1", NOW)).contains(Duration.ofSeconds(1));
        assertThat(RetryAfter.parse(" 120 ", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("0", NOW)).contains(Duration.ZERO);
    }

    @Test
    void aFractionOfASecondIsRoundedUpToTheMillisecond() {
        assertThat(RetryAfter.parse("0.25", NOW)).contains(Duration.ofMillis(250));
        assertThat(RetryAfter.parse("1.0001", NOW)).contains(Duration.ofMillis(1001));
    }

    @Test
    void anHttpDateIsTheWaitUntilThen() {
        assertThat(RetryAfter.parse("Fri, 20 Nov 2026 10:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
    }

    @Test
    void anHttpDateInThePastAsksForNoWait() {
        assertThat(RetryAfter.parse("Fri, 20 Nov 2026 09:59:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void anythingElseAsksForNothing() {
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("12abc", NOW)).isEmpty();
    }

    @Test
    void headersAreMatchedIgnoringCaseAndTheMillisecondHeaderWins() {
        assertThat(RetryAfter.from(Map.of("RETRY-AFTER", List.of("2")), NOW)).contains(Duration.ofSeconds(2));
        assertThat(RetryAfter.from(Map.of("retry-after", List.of("2"), "retry-after-ms", List.of("1500")), NOW))
                .contains(Duration.ofMillis(1500));
        assertThat(RetryAfter.from(Map.of("content-type", List.of("application/json")), NOW)).isEmpty();
    }
}
