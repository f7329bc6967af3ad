package io.escalator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Thousands of generated malformed and hostile requests against every endpoint of the packaged local stack: each one
 * gets an answer below 500 (a 4xx with a JSON error body, or a 2xx when the generator happened to write a valid
 * request), and the stack stays healthy.
 */
class ApiFuzzIT {

    private static final String TOKEN = "fuzz-test-token-" + System.nanoTime();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> RUN_FIELDS = List.of("workflow", "objective", "items", "gates", "budget",
            "autoApproveUnder", "dryRun", "source", "className", "id", "input", "type", "value", "pattern", "schema",
            "tests", "language", "maxCost", "maxSeconds", "maxAttempts", "approve", "reason", "answer", "olderThanDays",
            "telemetryOlderThanDays");
    private static final String VALID_RUN = """
            {"workflow": "prompt", "objective": "What is 6 times 7?",
             "items": [{"id": "a", "input": "6 x 7"}, {"id": "b", "input": "7 x 6"}],
             "gates": [{"type": "equals", "value": "42"}, {"type": "regex", "pattern": "^\\\\d+$"},
                       {"type": "json-schema", "schema": {"type": "integer"}}],
             "budget": {"maxCost": 0.5, "maxSeconds": 60, "maxAttempts": 5}, "autoApproveUnder": 0.1, "dryRun": true}""";

    private static ScriptedOpenAiServer models;
    private static LocalStackProcess stack;
    private static Path workDir;
    /** HTTP/1.1, as the stack serves it: no h2c upgrade attempts on hostile requests. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Map<Integer, AtomicInteger> STATUSES = new ConcurrentHashMap<>();

    @BeforeContainer
    static void startStack() throws IOException {
        models = ScriptedOpenAiServer.start();
        models.script("cheap-model", Reply.text("42").withUsage(10, 1));
        workDir = Files.createTempDirectory("escalator-fuzz");
        Path ladder = Files.writeString(workDir.resolve("ladder.json"), """
                {"tiers": [{"name": "cheap", "provider": "openai", "baseUrl": "%s", "model": "cheap-model",
                            "inputPricePerMillion": 1, "outputPricePerMillion": 2, "maxOutputTokens": 50}]}"""
                .formatted(models.baseUrl()));
        stack = LocalStackProcess.start(workDir, Map.of(
                "ESCALATOR_DATA_DIR", workDir.resolve("data").toString(),
                "ESCALATOR_AUTH_TOKEN", TOKEN,
                "ESCALATOR_LADDER_FILE", ladder.toString()));
    }

    @AfterContainer
    static void stopStack() {
        try {
            HttpResponse<String> health = send(HttpRequest.newBuilder(stack.url.resolve("/q/health")).GET());
            assertThat(health.statusCode()).as("health after the fuzzing").isEqualTo(200);
            System.out.println("Fuzzing answers by status: " + STATUSES);
        } finally {
            stack.close();
            models.close();
        }
    }

    @Property(tries = 1000)
    void runRequestsWithAnyFieldReplacedOrRemovedGetNoServerError(@ForAll("mutatedRunRequests") String body,
                                                                  @ForAll("bodyEndpoints") String path) {
        assertClientAnswer(post(path, body, "application/json"), path, body);
    }

    @Property(tries = 800)
    void arbitraryJsonBodiesGetNoServerError(@ForAll("anyJson") JsonNode body, @ForAll("bodyEndpoints") String path) {
        String text = body.toString();
        assertClientAnswer(post(path, text, "application/json"), path, text);
    }

    @Property(tries = 500)
    void brokenTextAndWrongContentTypesGetNoServerError(@ForAll("brokenBodies") String body,
                                                        @ForAll("bodyEndpoints") String path,
                                                        @ForAll("contentTypes") String contentType) {
        assertClientAnswer(post(path, body, contentType), path, body);
    }

    @Property(tries = 800)
    void hostileQueryParametersAndIdsGetNoServerError(@ForAll("readPaths") String pathAndQuery) {
        HttpResponse<String> response = send(authorized(URI.create(stack.url + pathAndQuery)).GET());
        assertClientAnswer(response, pathAndQuery, "");
    }

    @Property(tries = 200)
    void hostileUserIdHeadersGetNoServerError(@ForAll("headerValues") String userId) {
        HttpRequest.Builder request = authorized(stack.url.resolve("/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(VALID_RUN));
        try {
            request.header("X-User-Id", userId);
        } catch (IllegalArgumentException notSendable) {
            return; // the HTTP client itself refuses to send such a header
        }
        assertClientAnswer(send(request), "/runs with X-User-Id", userId);
    }

    @net.jqwik.api.Example
    void anOverlongRequestLineIsRefusedAndTheStackStaysHealthy() {
        HttpRequest.Builder request = authorized(URI.create(stack.url + "/runs?cursor=" + "x".repeat(100_000))).GET();
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(414);
        } catch (IOException closedByTheServer) {
            // refusing to read it at all is as good as a 414
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(send(HttpRequest.newBuilder(stack.url.resolve("/q/health")).GET()).statusCode()).isEqualTo(200);
    }

    @Provide
    Arbitrary<String> bodyEndpoints() {
        return Arbitraries.of("/runs", "/estimate", "/runs/no-such-run/approval", "/runs/no-such-run/resolution",
                "/jobs/cleanup");
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "text/plain", "application/xml", "application/json; charset=latin1",
                "multipart/form-data; boundary=x", "");
    }

    @Provide
    Arbitrary<String> mutatedRunRequests() {
        return Combinators.combine(Arbitraries.integers().between(0, 1_000), anyJson(), Arbitraries.of(true, false))
                .as((pick, replacement, remove) -> {
                    ObjectNode run = (ObjectNode) read(VALID_RUN);
                    List<Slot> slots = Slot.all(run);
                    Slot slot = slots.get(pick % slots.size());
                    slot.replace(remove ? null : replacement);
                    return run.toString();
                });
    }

    @Provide
    Arbitrary<JsonNode> anyJson() {
        return json(3);
    }

    /** JSON values nested at most {@code depth} levels, objects keyed mostly by the names requests use. */
    private Arbitrary<JsonNode> json(int depth) {
        if (depth == 0) {
            return scalars();
        }
        Arbitrary<JsonNode> inner = json(depth - 1);
        Arbitrary<JsonNode> arrays = inner.list().ofMaxSize(4).map(values -> {
            ArrayNode array = NODES.arrayNode();
            values.forEach(array::add);
            return array;
        });
        Arbitrary<String> keys = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, Arbitraries.of(RUN_FIELDS)), net.jqwik.api.Tuple.of(1, hostileStrings()));
        Arbitrary<JsonNode> objects = Combinators.combine(keys.list().ofMaxSize(4), inner.list().ofSize(4))
                .as((names, values) -> {
                    ObjectNode object = NODES.objectNode();
                    for (int i = 0; i < names.size(); i++) {
                        object.set(names.get(i), values.get(i));
                    }
                    return object;
                });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, scalars()), net.jqwik.api.Tuple.of(1, arrays),
                net.jqwik.api.Tuple.of(1, objects));
    }

    private Arbitrary<JsonNode> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.of("1e400", "-0", "0.000000000000000000001", "99999999999999999999999999", "-1", "NaN")
                        .map(number -> NODES.numberNode(new java.math.BigDecimal(number.equals("NaN") ? "0" : number))),
                Arbitraries.doubles().map(NODES::numberNode),
                hostileStrings().map(NODES::textNode));
    }

    private Arbitrary<String> hostileStrings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.of("", " ", "prompt", "test-gen", "tests", "regex", "(a+)+$", "(a|aa)+b", "((((((((((x",
                        "[", "\\", "\u0000", "\uD800", "${jndi:ldap://x}", "'; DROP TABLE runs; --", "<script>",
                        "../../etc/passwd", "%s%n", "\u202E", "0", "-1", "1e309", "true", "null", "{}", "[]"),
                Arbitraries.integers().between(1, 200_000).map("x"::repeat));
    }

    @Provide
    Arbitrary<String> brokenBodies() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.integers().between(1, VALID_RUN.length() - 1).map(cut -> VALID_RUN.substring(0, cut)),
                Arbitraries.integers().between(100, 5_000).map(depth -> "[".repeat(depth) + "]".repeat(depth)),
                Arbitraries.integers().between(100, 5_000).map(depth -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)),
                Arbitraries.of("", "null", "[]", "\"text\"", "42", "{\"workflow\":\"prompt\",\"workflow\":\"test-gen\"}",
                        "{\"objective\": \"\\ud800\"}", "\uFEFF{}", "{'single': 'quotes'}", "{\"a\":1,}"));
    }

    /**
     * Query values and ids up to a length the HTTP server reads (an over-long request line is refused by the server
     * before any endpoint sees it: {@link #anOverlongRequestLineIsRefusedAndTheStackStaysHealthy}).
     */
    @Provide
    Arbitrary<String> readPaths() {
        Arbitrary<String> value = hostileStrings().filter(text -> text.length() <= 600)
                .map(text -> URLEncoder.encode(text, StandardCharsets.UTF_8));
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("limit", "cursor", "status", "workflow", "since", "until"), value)
                        .as((name, text) -> "/runs?" + name + "=" + text),
                Combinators.combine(Arbitraries.of("workflow", "since", "until"), value)
                        .as((name, text) -> "/analytics?" + name + "=" + text),
                value.map(text -> "/analytics/recommendations?workflow=" + text),
                value.map(text -> "/runs/" + (text.isEmpty() ? "x" : text)),
                Combinators.combine(value, value).as((id, format) -> "/runs/" + (id.isEmpty() ? "x" : id)
                        + "/report?format=" + format));
    }

    @Provide
    Arbitrary<String> headerValues() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMaxLength(300),
                Arbitraries.integers().between(200, 8_000).map("u"::repeat));
    }

    private static void assertClientAnswer(HttpResponse<String> response, String request, String body) {
        STATUSES.computeIfAbsent(response.statusCode(), status -> new AtomicInteger()).incrementAndGet();
        String shown = body.length() > 300 ? body.substring(0, 300) + "..." : body;
        assertThat(response.statusCode()).as("%s with %s answered %s", request, shown, response.body())
                .isLessThan(500);
        if (response.statusCode() == 400) {
            assertThat(read(response.body()).path("error").asText()).as("400 body of %s", request).isNotBlank();
        }
    }

    private static HttpResponse<String> post(String path, String body, String contentType) {
        HttpRequest.Builder request = authorized(stack.url.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    private static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("the stack did not answer: " + e.getMessage() + "\n" + stack.output(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** A place in a JSON tree that can be replaced or removed: an object's field or an array's element. */
    private record Slot(JsonNode parent, String field, int index) {

        static List<Slot> all(JsonNode root) {
            List<Slot> slots = new java.util.ArrayList<>();
            collect(root, slots);
            return slots;
        }

        private static void collect(JsonNode node, List<Slot> slots) {
            if (node.isObject()) {
                node.fieldNames().forEachRemaining(name -> {
                    slots.add(new Slot(node, name, -1));
                    collect(node.get(name), slots);
                });
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    slots.add(new Slot(node, null, i));
                    collect(node.get(i), slots);
                }
            }
        }

        /** Puts {@code value} in this place, or removes what is there when it is null. */
        void replace(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                if (value == null) {
                    object.remove(field);
                } else {
                    object.set(field, value);
                }
            } else if (parent instanceof ArrayNode array) {
                if (value == null) {
                    array.remove(index);
                } else {
                    array.set(index, value);
                }
            }
        }
    }
}
