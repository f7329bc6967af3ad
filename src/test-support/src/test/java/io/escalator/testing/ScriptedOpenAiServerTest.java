package io.escalator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScriptedOpenAiServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ScriptedOpenAiServer server = ScriptedOpenAiServer.start();

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void textReplyIsAChatCompletionWithUsageCountedInWords() throws Exception {
        server.script("cheap-model", Reply.text("forty two"));
        long before = Instant.now().getEpochSecond();

        HttpResponse<String> response = post("/chat/completions", request("cheap-model", "What is six times seven?"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode completion = JSON.readTree(response.body());
        assertThat(completion.fieldNames()).toIterable().containsExactly("id", "object", "created", "model", "choices", "usage");
        assertThat(completion.get("id").asText()).startsWith("chatcmpl-");
        assertThat(completion.get("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.get("created").asLong()).isBetween(before, Instant.now().getEpochSecond());
        assertThat(completion.get("model").asText()).isEqualTo("cheap-model");
        assertThat(completion.get("choices")).hasSize(1);
        assertThat(completion.get("choices").get(0)).isEqualTo(JSON.readTree("""
                {"index":0,"message":{"role":"assistant","content":"forty two"},"finish_reason":"stop"}"""));
        // "You are terse." is 3 words and "What is six times seven?" is 5.
        assertThat(completion.get("usage")).isEqualTo(JSON.readTree("""
                {"prompt_tokens":8,"completion_tokens":2,"total_tokens":10}"""));
    }

    @Test
    void withUsageReportsExactlyTheGivenTokenCounts() throws Exception {
        server.script("cheap-model", Reply.text("answer").withUsage(120, 30));

        JsonNode completion = JSON.readTree(post(request("cheap-model", "question")).body());

        assertThat(completion.get("usage")).isEqualTo(JSON.readTree("""
                {"prompt_tokens":120,"completion_tokens":30,"total_tokens":150}"""));
    }

    @Test
    void withoutUsageLeavesTheUsageObjectOut() throws Exception {
        server.script("cheap-model", Reply.text("answer").withoutUsage());

        JsonNode completion = JSON.readTree(post(request("cheap-model", "question")).body());

        assertThat(completion.has("usage")).isFalse();
        assertThat(completion.at("/choices/0/message/content").asText()).isEqualTo("answer");
    }

    @Test
    void queuedRepliesComeInOrderAndTheLastOneRepeats() throws Exception {
        server.script("cheap-model", Reply.text("wrong"), Reply.text("still wrong"));

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(contentOf(post(request("cheap-model", "question"))));
        }

        assertThat(answers).containsExactly("wrong", "still wrong", "still wrong", "still wrong");
    }

    @Test
    void functionScriptAnswersFromTheRecordedRequest() throws Exception {
        server.script("capable-model", request -> Reply.text(request.userText().toUpperCase()));

        HttpResponse<String> response = post(request("capable-model", "shout this"));

        assertThat(contentOf(response)).isEqualTo("SHOUT THIS");
    }

    @Test
    void scriptingAModelAgainReplacesItsScript() throws Exception {
        server.script("cheap-model", Reply.text("old"));
        server.script("cheap-model", Reply.text("new"));

        assertThat(contentOf(post(request("cheap-model", "question")))).isEqualTo("new");
    }

    @Test
    void httpErrorSendsTheStatusAndBody() throws Exception {
        String body = "{\"error\":{\"message\":\"overloaded\"}}";
        server.script("cheap-model", Reply.httpError(503, body));

        HttpResponse<String> response = post(request("cheap-model", "question"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void rawSendsTheBodyUnchangedAsJson() throws Exception {
        server.script("cheap-model", Reply.raw(200, "not json at all"));

        HttpResponse<String> response = post(request("cheap-model", "question"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo("not json at all");
    }

    @Test
    void aMarkedScriptAnswersOnlyRequestsCarryingItsMarkerAndComesFirst() throws Exception {
        server.script("cheap-model", Reply.text("anyone"));
        server.script("cheap-model", "item-a", Reply.httpError(500, "{}"), Reply.text("for a"));
        server.script("cheap-model", "item-b", Reply.text("for b"));

        assertThat(post(request("cheap-model", "question item-a")).statusCode()).isEqualTo(500);
        assertThat(contentOf(post(request("cheap-model", "question item-b")))).isEqualTo("for b");
        assertThat(contentOf(post(request("cheap-model", "question item-a")))).isEqualTo("for a");
        assertThat(contentOf(post(request("cheap-model", "question item-a")))).isEqualTo("for a");
        assertThat(contentOf(post(request("cheap-model", "another question")))).isEqualTo("anyone");

        server.reset();
        assertThat(post(request("cheap-model", "question item-b")).statusCode()).isEqualTo(404);
    }

    @Test
    void httpErrorCarriesItsExtraHeaders() throws Exception {
        server.script("cheap-model", Reply.httpError(429, "{\"error\":{\"message\":\"slow down\"}}")
                .withHeader("Retry-After", "1")
                .withHeader("X-RateLimit-Remaining-Requests", "0"));

        HttpResponse<String> response = post(request("cheap-model", "question"));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        assertThat(response.headers().firstValue("X-RateLimit-Remaining-Requests")).contains("0");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void truncatedReplyAnnouncesTheWholeCompletionButBreaksOffHalfway() {
        server.script("flaky-model", Reply.truncated(Reply.text("a complete answer")));

        assertThatThrownBy(() -> post(request("flaky-model", "question")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("bytes received");
        assertThat(server.callCount("flaky-model")).isEqualTo(1);
    }

    @Test
    void recordsWhenEachRequestArrived() throws Exception {
        server.script("cheap-model", Reply.text("ok"));
        Instant before = Instant.now();

        post(request("cheap-model", "one"));
        post(request("cheap-model", "two"));

        List<Instant> arrivals = server.requests("cheap-model").stream().map(RecordedRequest::receivedAt).toList();
        assertThat(arrivals).hasSize(2).isSorted();
        assertThat(arrivals.getFirst()).isBetween(before, Instant.now());
    }

    @Test
    void delayedReplyArrivesOnlyAfterTheDelay() throws Exception {
        server.script("slow-model", Reply.delayed(Duration.ofMillis(300), Reply.text("finally")));
        long start = System.nanoTime();

        HttpResponse<String> response = post(request("slow-model", "question"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(contentOf(response)).isEqualTo("finally");
    }

    @Test
    void disconnectClosesTheConnectionWithoutAResponse() {
        server.script("flaky-model", Reply.disconnect());

        assertThatThrownBy(() -> post(request("flaky-model", "question"))).isInstanceOf(IOException.class);
        assertThat(server.callCount("flaky-model")).isEqualTo(1);
    }

    @Test
    void unscriptedModelGetsAnOpenAiStyleNotFoundError() throws Exception {
        HttpResponse<String> response = post(request("unknown-model", "question"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("""
                {"error":{"message":"model 'unknown-model' not found","type":"invalid_request_error"}}"""));
    }

    @Test
    void streamingRequestsAreRefused() throws Exception {
        server.script("cheap-model", Reply.text("answer"));

        HttpResponse<String> response = post("""
                {"model":"cheap-model","stream":true,"messages":[{"role":"user","content":"question"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/message").asText()).contains("streaming");
    }

    @Test
    void recordsTheRequestAsSent() throws Exception {
        server.script("capable-model", Reply.text("ok"));
        String body = """
                {"model":"capable-model","max_completion_tokens":64,"messages":[
                  {"role":"system","content":"Be brief."},
                  {"role":"user","content":[{"type":"text","text":"first part"},{"type":"text","text":"second part"}]},
                  {"role":"assistant","content":null},
                  {"role":"user","content":"again"}]}""";

        HTTP.send(HttpRequest.newBuilder(completionsUri("/chat/completions"))
                        .header("Authorization", "Bearer test-key")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(server.requests("capable-model")).singleElement().satisfies(request -> {
            assertThat(request.model()).isEqualTo("capable-model");
            assertThat(request.messages()).containsExactly(
                    new RecordedRequest.Message("system", "Be brief."),
                    new RecordedRequest.Message("user", "first part\nsecond part"),
                    new RecordedRequest.Message("assistant", ""),
                    new RecordedRequest.Message("user", "again"));
            assertThat(request.userText()).isEqualTo("first part\nsecond part\nagain");
            assertThat(request.maxTokens()).hasValue(64);
            assertThat(request.rawBody()).isEqualTo(body);
            assertThat(request.header("authorization")).contains("Bearer test-key");
            assertThat(request.header("X-Not-Sent")).isEmpty();
        });
    }

    @Test
    void maxTokensFallsBackToTheOlderParameterAndIsEmptyWhenAbsent() throws Exception {
        server.script("cheap-model", Reply.text("ok"));

        post("{\"model\":\"cheap-model\",\"max_tokens\":32,\"messages\":[]}");
        post("{\"model\":\"cheap-model\",\"messages\":[]}");

        assertThat(server.requests("cheap-model"))
                .extracting(RecordedRequest::maxTokens)
                .containsExactly(OptionalInt.of(32), OptionalInt.empty());
    }

    @Test
    void countsCallsPerModelAndInTotalIncludingUnscriptedModels() throws Exception {
        server.script("cheap-model", Reply.text("a"));
        server.script("capable-model", Reply.text("b"));

        post(request("cheap-model", "one"));
        post(request("cheap-model", "two"));
        post(request("capable-model", "three"));
        post(request("unknown-model", "four"));

        assertThat(server.callCount("cheap-model")).isEqualTo(2);
        assertThat(server.callCount("capable-model")).isEqualTo(1);
        assertThat(server.callCount("unknown-model")).isEqualTo(1);
        assertThat(server.callCount("never-asked")).isZero();
        assertThat(server.totalCalls()).isEqualTo(4);
        assertThat(server.requests("cheap-model")).extracting(RecordedRequest::userText).containsExactly("one", "two");
    }

    @Test
    void resetForgetsScriptsAndRecordings() throws Exception {
        server.script("cheap-model", Reply.text("a"));
        post(request("cheap-model", "one"));

        server.reset();

        assertThat(server.totalCalls()).isZero();
        assertThat(server.requests("cheap-model")).isEmpty();
        assertThat(post(request("cheap-model", "two")).statusCode()).isEqualTo(404);
    }

    @Test
    void answersManyConcurrentRequestsAtOnce() {
        int requests = 40;
        Duration delay = Duration.ofMillis(500);
        server.script("slow-model", Reply.delayed(delay, Reply.text("done")));
        long start = System.nanoTime();

        List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, requests)
                .mapToObj(i -> HTTP.sendAsync(
                        HttpRequest.newBuilder(completionsUri("/v1/chat/completions"))
                                .POST(HttpRequest.BodyPublishers.ofString(request("slow-model", "item " + i)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();

        assertThat(responses).allSatisfy(response -> assertThat(contentOf(response.join())).isEqualTo("done"));
        // One after another they would take 20 s.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(delay.multipliedBy(4));
        assertThat(server.callCount("slow-model")).isEqualTo(requests);
    }

    @Test
    void closeDoesNotWaitForPendingDelayedReplies() {
        server.script("stuck-model", Reply.delayed(Duration.ofMinutes(5), Reply.text("never")));
        CompletableFuture<HttpResponse<String>> pending = HTTP.sendAsync(
                HttpRequest.newBuilder(completionsUri("/v1/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString(request("stuck-model", "question")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        awaitCall("stuck-model");
        long start = System.nanoTime();

        server.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThatThrownBy(() -> pending.get()).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void baseUrlIsTheV1RootOnLoopback() {
        URI baseUrl = server.baseUrl();

        assertThat(baseUrl.getScheme()).isEqualTo("http");
        assertThat(baseUrl.getHost()).isEqualTo("127.0.0.1");
        assertThat(baseUrl.getPort()).isPositive();
        assertThat(baseUrl.getPath()).isEqualTo("/v1");
    }

    private void awaitCall(String model) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.callCount(model) == 0) {
            assertThat(System.nanoTime()).as("a call to %s within 5 s", model).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static String request(String model, String userMessage) {
        return JSON.createObjectNode()
                .put("model", model)
                .set("messages", JSON.createArrayNode()
                        .add(JSON.createObjectNode().put("role", "system").put("content", "You are terse."))
                        .add(JSON.createObjectNode().put("role", "user").put("content", userMessage)))
                .toString();
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return post("/v1/chat/completions", body);
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(completionsUri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code path} on the server, which serves completions both under {@code /v1} and at the root. */
    private URI completionsUri(String path) {
        return server.baseUrl().resolve(path);
    }

    private static String contentOf(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).at("/choices/0/message/content").asText();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
