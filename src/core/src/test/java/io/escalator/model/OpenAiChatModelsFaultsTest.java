package io.escalator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.escalator.cost.TokenUsage;
import io.escalator.ladder.AgentRole;
import io.escalator.ladder.Tier;
import io.escalator.model.retry.ModelRetryPolicy;
import io.escalator.model.retry.RetryingHttpClient;
import io.escalator.testing.RecordedRequest;
import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.escalator.testkit.LogCapture;
import io.escalator.testkit.TestLadders;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real model client against a loopback OpenAI-protocol server that fails on script: which faults are retried, how
 * long it waits, when it gives up, and what the failed call's reason says.
 */
class OpenAiChatModelsFaultsTest {

    private static final String MODEL = "cheap-model";
    private static final String KEY = "sk-test-secret-key";
    private static final ChatPrompt PROMPT = new ChatPrompt("You are terse.", "What is 6 times 7?");
    /** Short waits, so that the tests are quick; three retries, as by default. */
    private static final ModelRetryPolicy QUICK = new ModelRetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100),
            Duration.ofSeconds(2), Duration.ofSeconds(10));

    private final ScriptedOpenAiServer server = ScriptedOpenAiServer.start();
    /** One second per try. */
    private final Tier tier = tier(server);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRateLimitWithRetryAfterIsWaitedOutAndOnlyTheAnsweringCallsUsageCounts() throws Exception {
        server.script(MODEL, Reply.httpError(429, "{\"error\":{\"message\":\"Rate limit reached\"}}")
                .withHeader("Retry-After", "1"), Reply.text("42").withUsage(120, 3));

        ModelReply reply = new OpenAiChatModels(QUICK).chat(tier, tier.modelFor(AgentRole.GENERATOR), PROMPT);

        assertThat(reply.text()).isEqualTo("42");
        assertThat(reply.usage()).isEqualTo(new TokenUsage(120, 3));
        assertThat(reply.usageCounted()).isFalse();
        assertThat(gaps(server.requests(MODEL))).singleElement()
                .satisfies(gap -> assertThat(gap).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void serverErrorsAreRetriedUntilTheModelAnswers() throws Exception {
        server.script(MODEL, Reply.httpError(500, "{\"error\":{\"message\":\"boom\"}}"),
                Reply.httpError(500, "{\"error\":{\"message\":\"boom\"}}"), Reply.text("42"));

        assertThat(chat(QUICK).text()).isEqualTo("42");
        assertThat(server.callCount(MODEL)).isEqualTo(3);
    }

    @Test
    void aServerThatStaysUnavailableIsTriedOnceAndThenMaxRetriesTimesAndTheReasonSaysSo() {
        server.script(MODEL, Reply.httpError(503, "{\"error\":{\"message\":\"overloaded\"}}"));

        ModelCallException failure = failure(QUICK);

        assertThat(server.callCount(MODEL)).isEqualTo(4);
        assertThat(failure.getMessage()).matches("model cheap-model on tier cheap at http://127\\.0\\.0\\.1:\\d+/v1 "
                + "answered HTTP 503: overloaded; 4 tries over \\d+\\.\\d s");
        assertThat(failure.usage()).isEqualTo(TokenUsage.NONE);
        // full jitter over 20, 40 and 80 ms: the three waits together take at most 140 ms (plus the tries, and on a
        // busy machine the first call's class loading)
        assertThat(failure.durationMs()).isLessThan(5_000);
    }

    @Test
    void aTryThatTimesOutIsRetriedAndTheLastTimeoutIsTheReason() {
        server.script(MODEL, Reply.delayed(Duration.ofMillis(1_500), Reply.text("too late")));
        ModelRetryPolicy oneRetry = new ModelRetryPolicy(1, Duration.ofMillis(20), Duration.ofMillis(100),
                Duration.ofSeconds(2), Duration.ofSeconds(10));

        ModelCallException failure = failure(oneRetry);

        assertThat(server.callCount(MODEL)).isEqualTo(2);
        assertThat(failure.getMessage()).matches(".* did not answer within 1 s; 2 tries over \\d+\\.\\d s");
        assertThat(failure.durationMs()).isGreaterThanOrEqualTo(2_000L);
    }

    static Stream<Arguments> brokenResponses() {
        return Stream.of(
                Arguments.of("a dropped connection", Reply.disconnect()),
                Arguments.of("a body cut off in transit", Reply.truncated(Reply.text("42"))),
                Arguments.of("a garbled body", Reply.raw(200, "<html>502 Bad Gateway</html>")),
                Arguments.of("a JSON body cut short", Reply.raw(200, "{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,")),
                Arguments.of("an empty body", Reply.raw(200, "")),
                Arguments.of("a request timeout status", Reply.httpError(408, "")),
                Arguments.of("a gateway error", Reply.raw(502, "<html>Bad Gateway</html>")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenResponses")
    void aBrokenResponseIsRetriedAndTheAnswerAfterItIsTheReply(String what, Reply broken) throws Exception {
        server.script(MODEL, broken, Reply.text("42").withUsage(50, 1));

        ModelReply reply = chat(QUICK);

        assertThat(reply.text()).isEqualTo("42");
        assertThat(reply.usage()).isEqualTo(new TokenUsage(50, 1));
        assertThat(server.callCount(MODEL)).isEqualTo(2);
    }

    @Test
    void aResponseThatNeverParsesNamesTheParserProblem() {
        server.script(MODEL, Reply.raw(200, "this is not JSON"));

        ModelCallException failure = failure(QUICK);

        assertThat(server.callCount(MODEL)).isEqualTo(4);
        assertThat(failure.getMessage()).contains("sent a response that could not be parsed: Unrecognized token 'this'")
                .contains("; 4 tries over");
    }

    @Test
    void aConnectionDroppedOnEveryTryIsRecordedAsSuch() {
        server.script(MODEL, Reply.disconnect());

        assertThat(failure(QUICK).getMessage()).contains("closed the connection without an answer; 4 tries over");
    }

    @Test
    void anEmptyAnswerIsNotRetriedAndIsChargedWhatTheProviderReported() {
        server.script(MODEL, Reply.text("  ").withUsage(80, 1), Reply.text("42"));

        ModelCallException failure = failure(QUICK);

        assertThat(server.callCount(MODEL)).isEqualTo(1);
        assertThat(failure.getMessage()).endsWith("on tier cheap at " + server.baseUrl() + " returned an empty answer");
        assertThat(failure.usage()).isEqualTo(new TokenUsage(80, 1));
    }

    @Test
    void anEmptyAnswerWithoutReportedUsageCostsNothing() {
        server.script(MODEL, Reply.text("").withoutUsage());

        assertThat(failure(QUICK).usage()).isEqualTo(TokenUsage.NONE);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 422})
    void aClientErrorIsNotRetriedAndItsReasonIsTheProvidersWithoutTheKey(int status) {
        server.script(MODEL, Reply.httpError(status, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));

        ModelCallException failure = failure(QUICK);

        assertThat(server.callCount(MODEL)).isEqualTo(1);
        assertThat(failure.getMessage()).endsWith("answered HTTP " + status + ": Incorrect API key provided: ****; not retried");
        assertThat(failure.getMessage()).doesNotContain(KEY);
    }

    @Test
    void anUnknownModelIsNotRetried() {
        ModelCallException failure = failure(QUICK);

        assertThat(server.callCount(MODEL)).isEqualTo(1);
        assertThat(failure.getMessage()).contains("answered HTTP 404: model 'cheap-model' not found; not retried");
    }

    @Test
    void aRetryAfterLongerThanTheLimitEndsTheCallAtOnce() {
        server.script(MODEL, Reply.httpError(429, "{\"error\":{\"message\":\"quota\"}}").withHeader("Retry-After", "120"),
                Reply.text("42"));

        ModelCallException failure = failure(QUICK);

        assertThat(server.callCount(MODEL)).isEqualTo(1);
        assertThat(failure.getMessage())
                .endsWith("answered HTTP 429: quota; 1 try; it asked to retry after 120.0 s, more than the 2.0 s waited at most");
    }

    @Test
    void noRetryStartsAfterTheRetryTime() {
        server.script(MODEL, Reply.httpError(503, "{}").withHeader("Retry-After", "1"));
        ModelRetryPolicy shortRetryTime = new ModelRetryPolicy(5, Duration.ofMillis(20), Duration.ofMillis(100),
                Duration.ofSeconds(2), Duration.ofMillis(1_800));

        ModelCallException failure = failure(shortRetryTime);

        // tries at 0 s and 1 s; a third after another second would start past 1.8 s
        assertThat(server.callCount(MODEL)).isEqualTo(2);
        assertThat(failure.getMessage())
                .matches(".* answered HTTP 503: \\{}; 2 tries over \\d+\\.\\d s; no time left to retry within 1\\.8 s");
    }

    @Test
    void anUnreachableServerIsRetriedAndThenRecordedAsUnreachable() {
        Tier nowhere = tier(server);
        server.close();

        ModelCallException failure = catchThrowableOfType(ModelCallException.class,
                () -> new OpenAiChatModels(QUICK).chat(nowhere, nowhere.modelFor(AgentRole.GENERATOR), PROMPT));

        assertThat(failure.getMessage()).contains("is unreachable (connection refused); 4 tries over");
    }

    @Test
    void anAnswerAfterRetriesIsLoggedWithTheFaultsButNoPromptOrKey() {
        server.script(MODEL, Reply.httpError(503, "{\"error\":{\"message\":\"" + KEY + "\"}}"), Reply.disconnect(),
                Reply.text("42"));

        List<LogRecord> logged = LogCapture.records(RetryingHttpClient.class, Level.INFO, () -> {
            try {
                chat(QUICK);
            } catch (ModelCallException e) {
                throw new AssertionError(e);
            }
        });

        assertThat(logged).singleElement().satisfies(record -> {
            assertThat(record.getMessage()).startsWith("model cheap-model on tier cheap answered on try 3")
                    .endsWith("(earlier tries: HTTP 503, connection closed)");
            assertThat(record.getMessage()).doesNotContain(KEY).doesNotContain("6 times 7");
        });
    }

    @Test
    void anInterruptedCallStopsAtOnceAndKeepsTheInterrupt() throws Exception {
        server.script(MODEL, Reply.httpError(429, "{}").withHeader("Retry-After", "2"), Reply.text("42"));
        CompletableFuture<ModelCallException> failure = new CompletableFuture<>();
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            failure.complete(failure(QUICK));
            stillInterrupted.complete(Thread.currentThread().isInterrupted());
        });
        while (server.callCount(MODEL) == 0) {
            Thread.sleep(5);
        }

        caller.interrupt();

        assertThat(failure.get(5, TimeUnit.SECONDS).getMessage()).endsWith("; 1 try; interrupted");
        assertThat(stillInterrupted.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(server.callCount(MODEL)).isEqualTo(1);
    }

    @Test
    void withRetriesOffEveryFaultIsFinalAtOnce() {
        server.script(MODEL, Reply.httpError(503, "{}"), Reply.text("42"));

        ModelCallException failure = failure(ModelRetryPolicy.NEVER);

        assertThat(server.callCount(MODEL)).isEqualTo(1);
        assertThat(failure.getMessage()).endsWith("answered HTTP 503: {}; 1 try");
    }

    private ModelReply chat(ModelRetryPolicy policy) throws ModelCallException {
        return new OpenAiChatModels(policy).chat(tier, tier.modelFor(AgentRole.GENERATOR), PROMPT);
    }

    private ModelCallException failure(ModelRetryPolicy policy) {
        return catchThrowableOfType(ModelCallException.class, () -> chat(policy));
    }

    /** The time between one request's arrival and the next's. */
    private static List<Duration> gaps(List<RecordedRequest> requests) {
        return IntStream.range(1, requests.size())
                .mapToObj(i -> Duration.between(requests.get(i - 1).receivedAt(), requests.get(i).receivedAt()))
                .toList();
    }

    private static Tier tier(ScriptedOpenAiServer server) {
        return TestLadders.parse("""
                {"tiers": [{"name": "cheap", "provider": "openai", "baseUrl": "%s", "model": "%s", "apiKey": "%s",
                            "inputPricePerMillion": 1, "outputPricePerMillion": 2, "timeoutSeconds": 1}]}
                """.formatted(server.baseUrl(), MODEL, KEY)).tiers().getFirst();
    }
}
