package io.escalator.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the Escalator API on a free loopback port: each test scripts the answers to
 * {@code METHOD /path} (one after the other; the last one repeats) and reads back the requests it got.
 * Anything unscripted gets the API's own 404 for an unknown path.
 */
final class FakeApi implements AutoCloseable {

    record Answer(int status, String contentType, String body) {
    }

    /** A request as it came: {@code path} decoded, {@code rawPath} and {@code query} as sent. */
    record Received(String method, String path, String rawPath, String query, String accept, String contentType,
                    String authorization, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private FakeApi(HttpServer server) {
        this.server = server;
    }

    static FakeApi start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            FakeApi api = new FakeApi(server);
            server.createContext("/", api::handle);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method path} (path without query) with JSON. */
    FakeApi json(String method, String path, int status, String body) {
        return answer(method, path, new Answer(status, "application/json", body));
    }

    FakeApi answer(String method, String path, Answer answer) {
        answers.computeIfAbsent(method + " " + path, key -> new ArrayDeque<>()).add(answer);
        return this;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    Received only() {
        if (received.size() != 1) {
            throw new AssertionError("expected one request, got " + received);
        }
        return received.getFirst();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Accept"), exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Answer answer = next(exchange.getRequestMethod() + " " + path);
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private synchronized Answer next(String key) {
        Deque<Answer> queue = answers.get(key);
        if (queue == null || queue.isEmpty()) {
            return new Answer(404, "application/json", "{\"error\":\"HTTP 404 Not Found\"}");
        }
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
