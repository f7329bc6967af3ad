package io.escalator.model.retry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * The HTTP client LangChain4j's OpenAI model sends its requests through: each request is tried over the JDK's HTTP
 * client and retried, as {@link ModelRetryPolicy} says, while its faults are transient (429, 5xx, timeouts, dropped
 * connections, bodies that are not JSON). It sees the status and the headers, which LangChain4j's exceptions do not
 * carry, so it can honour {@code Retry-After}. When it gives up it throws {@link FailedModelCall}.
 *
 * <p>Only a response that answered is handed back, so only that response's usage is ever charged: a fault reports no
 * usage, and retries cost nothing.
 */
public final class RetryingHttpClient implements HttpClient {

    private static final Logger LOG = Logger.getLogger(RetryingHttpClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fault of a call interrupted during its first try. */
    private static final CallFault INTERRUPTED = new CallFault("interrupted", "was interrupted before it answered",
            false, Optional.empty());

    private final java.net.http.HttpClient http;
    private final Duration tryTimeout;
    private final ModelRetryPolicy policy;
    private final String callee;

    /**
     * @param tryTimeout how long one try may take, connecting included (the tier's timeout)
     * @param callee     who is called, for logs: "model m on tier t"
     */
    public RetryingHttpClient(java.net.http.HttpClient http, Duration tryTimeout, ModelRetryPolicy policy, String callee) {
        this.http = http;
        this.tryTimeout = tryTimeout;
        this.policy = policy;
        this.callee = callee;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        long started = System.nanoTime();
        List<String> faults = new ArrayList<>();
        CallFault lastFault = INTERRUPTED;
        int tries = 0;
        try {
            while (true) {
                tries++;
                Try outcome = send(request);
                Duration elapsed = since(started);
                if (outcome instanceof Try.Answered answered) {
                    if (tries > 1) {
                        LOG.infof("%s answered on try %d, %.1f s after the first (earlier tries: %s)", callee, tries,
                                elapsed.toMillis() / 1000.0, String.join(", ", faults));
                    }
                    return answered.response();
                }
                lastFault = ((Try.Faulted) outcome).fault();
                faults.add(lastFault.kind());
                Duration wait = waitBeforeRetry(lastFault, tries, elapsed);
                LOG.debugf("%s: try %d failed (%s); retrying in %d ms", callee, tries, lastFault.kind(), wait.toMillis());
                Thread.sleep(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FailedModelCall(lastFault, tries, since(started), FailedModelCall.Stop.INTERRUPTED, Duration.ZERO);
        }
    }

    /** The wait before the next try, or the reason there is none, thrown. */
    private Duration waitBeforeRetry(CallFault fault, int tries, Duration elapsed) {
        if (!fault.retryable()) {
            throw new FailedModelCall(fault, tries, elapsed, FailedModelCall.Stop.NOT_RETRYABLE, Duration.ZERO);
        }
        if (tries > policy.maxRetries()) {
            throw new FailedModelCall(fault, tries, elapsed, FailedModelCall.Stop.RETRIES_USED_UP, Duration.ZERO);
        }
        Duration asked = fault.retryAfter().orElse(Duration.ZERO);
        if (asked.compareTo(policy.maxRetryAfter()) > 0) {
            throw new FailedModelCall(fault, tries, elapsed, FailedModelCall.Stop.RETRY_AFTER_TOO_LONG,
                    policy.maxRetryAfter());
        }
        Duration backoff = policy.backoff(tries, ThreadLocalRandom.current());
        Duration wait = asked.compareTo(backoff) > 0 ? asked : backoff;
        if (elapsed.plus(wait).compareTo(policy.maxRetryTime()) > 0) {
            throw new FailedModelCall(fault, tries, elapsed, FailedModelCall.Stop.OUT_OF_TIME, policy.maxRetryTime());
        }
        return wait;
    }

    /** One try: the response if it answered with a readable body, else what went wrong. */
    private Try send(HttpRequest request) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(jdkRequest(request), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Try.Faulted(CallFault.network(e, tryTimeout));
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            return new Try.Faulted(CallFault.httpStatus(status, response.body(),
                    RetryAfter.from(response.headers().map(), Instant.now())));
        }
        Optional<String> unreadable = unreadableJson(response.body());
        if (unreadable.isPresent()) {
            return new Try.Faulted(CallFault.unreadableBody(unreadable.get()));
        }
        return new Try.Answered(SuccessfulHttpResponse.builder()
                .statusCode(status)
                .headers(response.headers().map())
                .body(response.body())
                .build());
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private java.net.http.HttpRequest jdkRequest(HttpRequest request) {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(tryTimeout)
                .method(request.method().name(), request.body() == null
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        return builder.build();
    }

    /** Why a 2xx body is not a JSON object (cut short, or not JSON at all), if it is not. */
    private static Optional<String> unreadableJson(String body) {
        if (body == null || body.isBlank()) {
            return Optional.of("the body is empty");
        }
        try {
            return JSON.readTree(body).isObject() ? Optional.empty() : Optional.of("the body is not a JSON object");
        } catch (JsonProcessingException e) {
            return Optional.of(e.getOriginalMessage());
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("Escalator does not stream model responses");
    }

    private sealed interface Try {
        record Answered(SuccessfulHttpResponse response) implements Try {
        }

        record Faulted(CallFault fault) implements Try {
        }
    }
}
