package io.escalator.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP server that speaks the Amazon Bedrock Converse protocol ({@code POST /model/{modelId}/converse},
 * JSON in and out) and answers each model id from a script. Requests are accepted whatever their SigV4 signature:
 * clients reach it through an endpoint override with static test credentials.
 * <p>
 * Errors are sent as Bedrock sends them: the status, an {@code x-amzn-ErrorType} header naming the exception and a
 * {@code {"message": ...}} body. A model id nobody scripted gets a 400 ValidationException, as Bedrock answers an
 * unknown model. Each request is handled on its own virtual thread.
 */
public final class ScriptedBedrockServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONVERSE_PATH = Pattern.compile("^/model/([^/]+)/converse$");

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A scripted answer. */
    public sealed interface Reply {

        /** An answer with the usage Bedrock reports for it and why the model stopped (e.g. end_turn, max_tokens). */
        record Text(String text, int inputTokens, int outputTokens, String stopReason) implements Reply {
        }

        /** An error as Bedrock sends it, e.g. 429 ThrottlingException. */
        record Error(int status, String errorType, String message) implements Reply {
        }

        static Reply text(String text, int inputTokens, int outputTokens) {
            return new Text(text, inputTokens, outputTokens, "end_turn");
        }

        /** An answer cut off at the request's maxTokens. */
        static Reply cutOff(String text, int inputTokens, int outputTokens) {
            return new Text(text, inputTokens, outputTokens, "max_tokens");
        }

        static Reply throttled() {
            return new Error(429, "ThrottlingException", "Too many requests, please wait before trying again.");
        }

        static Reply unavailable() {
            return new Error(503, "ServiceUnavailableException", "Service is temporarily unavailable.");
        }

        static Reply modelTimeout() {
            return new Error(408, "ModelTimeoutException", "Model has timed out in processing the request.");
        }

        static Reply invalid(String message) {
            return new Error(400, "ValidationException", message);
        }
    }

    /** A request the server received: the model id from the path, the system and user texts, and maxTokens. */
    public record Request(String modelId, String system, String user, Integer maxTokens, String authorization,
            String body) {
    }

    private ScriptedBedrockServer(HttpServer server, ExecutorService handlers) {
        this.server = server;
        this.handlers = handlers;
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static ScriptedBedrockServer start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the scripted Bedrock server", e);
        }
        ExecutorService handlers =
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("scripted-bedrock-", 0).factory());
        ScriptedBedrockServer scripted = new ScriptedBedrockServer(server, handlers);
        server.createContext("/", scripted::handle);
        server.setExecutor(handlers);
        server.start();
        return scripted;
    }

    /** What a Bedrock runtime client takes as its endpoint override: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers requests for {@code modelId} with these replies in order, the last repeating. Replaces any earlier. */
    public void script(String modelId, Reply first, Reply... more) {
        Deque<Reply> replies = new ArrayDeque<>();
        replies.add(first);
        replies.addAll(List.of(more));
        scripts.put(modelId, replies);
    }

    public int callCount(String modelId) {
        return requests(modelId).size();
    }

    /** The requests for {@code modelId}, in the order they arrived. */
    public List<Request> requests(String modelId) {
        return requests.stream().filter(request -> request.modelId().equals(modelId)).toList();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = CONVERSE_PATH.matcher(exchange.getRequestURI().getRawPath());
            if (!path.matches() || !exchange.getRequestMethod().equals("POST")) {
                sendError(exchange, 404, "UnknownOperationException", "not a Converse request: "
                        + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
                return;
            }
            String modelId = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                sendError(exchange, 400, "SerializationException", "request body is not JSON");
                return;
            }
            requests.add(new Request(modelId, texts(json.path("system")), userText(json.path("messages")),
                    json.path("inferenceConfig").has("maxTokens") ? json.path("inferenceConfig").path("maxTokens").asInt()
                            : null,
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            Deque<Reply> replies = scripts.get(modelId);
            if (replies == null) {
                sendError(exchange, 400, "ValidationException", "The provided model identifier is invalid.");
                return;
            }
            Reply reply;
            synchronized (replies) {
                reply = replies.size() > 1 ? replies.removeFirst() : replies.getFirst();
            }
            switch (reply) {
                case Reply.Text text -> send(exchange, 200, converseResponse(text), Map.of());
                case Reply.Error error -> sendError(exchange, error.status(), error.errorType(), error.message());
            }
        }
    }

    private static String texts(JsonNode blocks) {
        List<String> texts = new ArrayList<>();
        blocks.forEach(block -> {
            if (block.has("text")) {
                texts.add(block.get("text").asText());
            }
        });
        return String.join("\n", texts);
    }

    private static String userText(JsonNode messages) {
        List<String> texts = new ArrayList<>();
        messages.forEach(message -> {
            if ("user".equals(message.path("role").asText())) {
                texts.add(texts(message.path("content")));
            }
        });
        return String.join("\n", texts);
    }

    private static String converseResponse(Reply.Text text) {
        ObjectNode response = JSON.createObjectNode();
        ObjectNode message = response.putObject("output").putObject("message").put("role", "assistant");
        message.putArray("content").addObject().put("text", text.text());
        response.put("stopReason", text.stopReason());
        response.putObject("usage")
                .put("inputTokens", text.inputTokens())
                .put("outputTokens", text.outputTokens())
                .put("totalTokens", text.inputTokens() + text.outputTokens());
        response.putObject("metrics").put("latencyMs", 1);
        return response.toString();
    }

    private static void sendError(HttpExchange exchange, int status, String errorType, String message)
            throws IOException {
        send(exchange, status, JSON.createObjectNode().put("message", message).toString(),
                Map.of("x-amzn-ErrorType", errorType + ":http://internal.amazon.com/coral/com.amazon.bedrock/"));
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
