package io.escalator.model.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CallFaultTest {

    private static final Duration TIMEOUT = Duration.ofMillis(1_500);

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 501, 502, 503, 504, 529})
    void aTimeoutStatusARateLimitAndServerErrorsAreWorthRetrying(int status) {
        assertThat(CallFault.httpStatus(status, "", Optional.empty()).retryable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 402, 403, 404, 409, 413, 422})
    void otherClientErrorsWouldFailTheSameWayAgain(int status) {
        assertThat(CallFault.httpStatus(status, "", Optional.empty()).retryable()).isFalse();
    }

    @Test
    void retryAfterIsKeptOnlyWhereItMeansComeBackLater() {
        Optional<Duration> second = Optional.of(Duration.ofSeconds(1));

        assertThat(CallFault.httpStatus(429, "", second).retryAfter()).isEqualTo(second);
        assertThat(CallFault.httpStatus(503, "", second).retryAfter()).isEqualTo(second);
        assertThat(CallFault.httpStatus(500, "", second).retryAfter()).isEmpty();
        assertThat(CallFault.httpStatus(301, "", second).retryAfter()).isEmpty();
    }

    @Test
    void theProvidersOwnMessageIsTakenFromAnOpenAiErrorBodyElseTheBodyOnOneShortLine() {
        assertThat(CallFault.httpStatus(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}",
                Optional.empty()).what()).isEqualTo("answered HTTP 429: Rate limit reached");
        assertThat(CallFault.httpStatus(502, "<html>\n  Bad   Gateway\n</html>", Optional.empty()).what())
                .isEqualTo("answered HTTP 502: <html> Bad Gateway </html>");
        assertThat(CallFault.httpStatus(500, "", Optional.empty()).what()).isEqualTo("answered HTTP 500");
        assertThat(CallFault.httpStatus(500, "x".repeat(1_000), Optional.empty()).what())
                .hasSize("answered HTTP 500: ".length() + 300 + 3).endsWith("x...");
        assertThat(CallFault.httpStatus(429, "{}", Optional.empty()).kind()).isEqualTo("HTTP 429");
    }

    @Test
    void networkFailuresSayWhatHappenedToTheConnection() {
        assertThat(CallFault.network(new ConnectException(), TIMEOUT).what()).isEqualTo("is unreachable (connection refused)");
        assertThat(CallFault.network(new IOException("Connection reset"), TIMEOUT).what()).isEqualTo("reset the connection");
        assertThat(CallFault.network(new IOException("HTTP/1.1 header parser received no bytes"), TIMEOUT).what())
                .isEqualTo("closed the connection without an answer");
        assertThat(CallFault.network(new IOException("fixed content-length: 120, bytes received: 60"), TIMEOUT).what())
                .isEqualTo("closed the connection in the middle of its response");
        assertThat(CallFault.network(new HttpTimeoutException("request timed out"), TIMEOUT).what())
                .isEqualTo("did not answer within 1.5 s");
        assertThat(CallFault.network(new HttpConnectTimeoutException("connect timed out"), Duration.ofSeconds(2)).what())
                .isEqualTo("could not be connected to within 2 s");
        assertThat(CallFault.network(new IOException("Connection reset"), TIMEOUT).retryable()).isTrue();
    }

    @Test
    void anUnreadableBodyIsWorthRetrying() {
        CallFault fault = CallFault.unreadableBody("Unexpected end-of-input");

        assertThat(fault.retryable()).isTrue();
        assertThat(fault.what()).isEqualTo("sent a response that could not be parsed: Unexpected end-of-input");
    }
}
