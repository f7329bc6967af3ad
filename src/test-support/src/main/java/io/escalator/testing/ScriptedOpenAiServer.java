package io.escalator.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A loopback HTTP server that speaks the non-streaming OpenAI chat completions protocol and answers
 * each requested {@code model} from a script.
 *
 * <p>It serves {@code POST /v1/chat/completions} and {@code POST /chat/completions}, records every
 * request whose body is JSON, and answers a model nobody scripted with a 404 error. It is safe to
 * call from many threads at once; each request is handled on its own virtual thread.
 */
public final class ScriptedOpenAiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> COMPLETION_PATHS = Set.of("/v1/chat/completions", "/chat/completions");

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Map<String, Function<RecordedRequest, Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Function<RecordedRequest, Reply>>> markedScripts = new ConcurrentHashMap<>();
    private final Queue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private final AtomicLong completionIds = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ScriptedOpenAiServer(HttpServer server, ExecutorService handlers) {
        this.server = server;
        this.handlers = handlers;
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static ScriptedOpenAiServer start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the scripted OpenAI server", e);
        }
        ExecutorService handlers =
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("scripted-openai-", 0).factory());
        ScriptedOpenAiServer scripted = new ScriptedOpenAiServer(server, handlers);
        server.createContext("/", scripted::handle);
        server.setExecutor(handlers);
        server.start();
        return scripted;
    }

    /** What an OpenAI client takes as its base URL: {@code http://127.0.0.1:<port>/v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /**
     * Answers requests for {@code model} with these replies in order; once only the last is left, it
     * answers every further request. Replaces any earlier script for {@code model}.
     */
    public void script(String model, Reply first, Reply... more) {
        scripts.put(model, inOrder(first, more));
    }

    /**
     * Answers requests for {@code model} whose user messages contain {@code marker} (an item's input,
     * say) with these replies in order, the last repeating; such scripts come before the model's own.
     * Replaces any earlier script for that model and marker.
     */
    public void script(String model, String marker, Reply first, Reply... more) {
        markedScripts.computeIfAbsent(model, key -> new ConcurrentHashMap<>()).put(marker, inOrder(first, more));
    }

    private static Function<RecordedRequest, Reply> inOrder(Reply first, Reply... more) {
        Deque<Reply> replies = new ArrayDeque<>();
        replies.add(first);
        replies.addAll(List.of(more));
        return request -> {
            synchronized (replies) {
                return replies.size() > 1 ? replies.removeFirst() : replies.getFirst();
            }
        };
    }

    /** Answers each request for {@code model} with what {@code responder} makes of it. Replaces any earlier script. */
    public void script(String model, Function<RecordedRequest, Reply> responder) {
        scripts.put(model, responder);
    }

    public int callCount(String model) {
        return requests(model).size();
    }

    public int totalCalls() {
        return requests.size();
    }

    /** The requests for {@code model}, in the order they arrived. */
    public List<RecordedRequest> requests(String model) {
        return requests.stream().filter(request -> request.model().equals(model)).toList();
    }

    /** Forgets all scripts and recorded requests. */
    public void reset() {
        scripts.clear();
        markedScripts.clear();
        requests.clear();
    }

    /**
     * Stops the server; requests still waiting on a {@link Reply#delayed delayed} reply get no answer.
     * Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!COMPLETION_PATHS.contains(exchange.getRequestURI().getPath())) {
                sendError(exchange, 404, "unknown path " + exchange.getRequestURI().getPath(), "invalid_request_error");
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                sendError(exchange, 405, "use POST", "invalid_request_error");
                return;
            }
            Instant receivedAt = Instant.now();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                sendError(exchange, 400, "request body is not JSON: " + e.getOriginalMessage(), "invalid_request_error");
                return;
            }
            if (json.path("stream").asBoolean(false)) {
                sendError(exchange, 400, "ScriptedOpenAiServer does not support streaming", "invalid_request_error");
                return;
            }
            RecordedRequest request = record(json, body, exchange, receivedAt);
            requests.add(request);
            Function<RecordedRequest, Reply> script = scriptFor(request);
            if (script == null) {
                sendError(exchange, 404, "model '" + request.model() + "' not found", "invalid_request_error");
                return;
            }
            Reply reply;
            try {
                reply = script.apply(request);
            } catch (RuntimeException e) {
                sendError(exchange, 500, "the script for model '" + request.model() + "' failed: " + e, "server_error");
                return;
            }
            send(exchange, request, reply);
        }
    }

    private Function<RecordedRequest, Reply> scriptFor(RecordedRequest request) {
        String userText = request.userText();
        return markedScripts.getOrDefault(request.model(), Map.of()).entrySet().stream()
                .filter(marked -> userText.contains(marked.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(scripts.get(request.model()));
    }

    private void send(HttpExchange exchange, RecordedRequest request, Reply reply) throws IOException {
        switch (reply) {
            case Reply.Text text -> sendJson(exchange, 200, completion(request, text));
            case Reply.Http http -> {
                http.headers().forEach(exchange.getResponseHeaders()::set);
                sendJson(exchange, http.status(), http.body());
            }
            case Reply.Truncated truncated -> sendHalf(exchange, completion(request, truncated.reply()));
            case Reply.Delayed delayed -> {
                try {
                    Thread.sleep(delayed.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                send(exchange, request, delayed.reply());
            }
            // Closing an exchange before its response headers are sent closes the connection itself.
            case Reply.Disconnect disconnect -> exchange.close();
        }
    }

    private String completion(RecordedRequest request, Reply.Text text) {
        ObjectNode completion = JSON.createObjectNode()
                .put("id", "chatcmpl-" + completionIds.incrementAndGet())
                .put("object", "chat.completion")
                .put("created", Instant.now().getEpochSecond())
                .put("model", request.model());
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text.content());
        choice.put("finish_reason", "stop");
        switch (text.usage()) {
            case Reply.Usage.WordCounts counts -> putUsage(completion, promptWords(request), words(text.content()));
            case Reply.Usage.Exact exact -> putUsage(completion, exact.promptTokens(), exact.completionTokens());
            case Reply.Usage.Omitted omitted -> {}
        }
        return completion.toString();
    }

    private static void putUsage(ObjectNode completion, int promptTokens, int completionTokens) {
        completion.putObject("usage")
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
    }

    private static int promptWords(RecordedRequest request) {
        return request.messages().stream().mapToInt(message -> words(message.content())).sum();
    }

    private static int words(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    private static RecordedRequest record(JsonNode json, String body, HttpExchange exchange, Instant receivedAt) {
        List<RecordedRequest.Message> messages = StreamSupport.stream(json.path("messages").spliterator(), false)
                .map(message -> new RecordedRequest.Message(message.path("role").asText(), contentText(message.path("content"))))
                .toList();
        JsonNode maxTokens = json.hasNonNull("max_completion_tokens") ? json.get("max_completion_tokens") : json.get("max_tokens");
        return new RecordedRequest(
                json.path("model").asText(),
                messages,
                maxTokens != null && maxTokens.canConvertToInt() ? OptionalInt.of(maxTokens.asInt()) : OptionalInt.empty(),
                body,
                exchange.getRequestHeaders(),
                receivedAt);
    }

    /** A message's content is either a string or a list of parts, of which the text parts count. */
    private static String contentText(JsonNode content) {
        if (content.isArray()) {
            return StreamSupport.stream(content.spliterator(), false)
                    .filter(part -> part.path("type").asText().equals("text"))
                    .map(part -> part.path("text").asText())
                    .collect(Collectors.joining("\n"));
        }
        return content.isTextual() ? content.asText() : "";
    }

    private static void sendError(HttpExchange exchange, int status, String message, String type) throws IOException {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("message", message).put("type", type);
        sendJson(exchange, status, error.toString());
    }

    /**
     * Announces the whole body, writes half of it, and fails the exchange: the server then closes the
     * connection, and the client sees the body cut off.
     */
    private static void sendHalf(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        OutputStream out = exchange.getResponseBody();
        out.write(bytes, 0, bytes.length / 2);
        out.flush();
        throw new IOException("truncated reply: the connection is closed after " + bytes.length / 2 + " of "
                + bytes.length + " bytes");
    }

    private static void sendJson(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
