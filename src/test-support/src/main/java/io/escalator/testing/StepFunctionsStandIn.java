package io.escalator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Step Functions control plane cannot run here, so tests talk to this loopback stand-in for it. It speaks the
 * service's wire protocol (AWS JSON 1.0: POST with {@code X-Amz-Target: AWSStepFunctions.<Operation>}), records
 * every call and answers with a scripted error per operation or a minimal success.
 */
public final class StepFunctionsStandIn implements AutoCloseable {

    public record Call(String operation, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> errors = new ConcurrentHashMap<>();

    private StepFunctionsStandIn(HttpServer server) {
        this.server = server;
    }

    public static StepFunctionsStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            StepFunctionsStandIn fake = new StepFunctionsStandIn(server);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every later call of the operation answers HTTP 400 with this error type (e.g. {@code InvalidToken}). */
    public void fail(String operation, String errorType) {
        errors.put(operation, errorType);
    }

    public List<Call> calls(String operation) {
        return calls.stream().filter(call -> call.operation().equals(operation)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target.substring(target.indexOf('.') + 1);
        calls.add(new Call(operation, JSON.readTree(exchange.getRequestBody())));
        String error = errors.get(operation);
        int status = error == null ? 200 : 400;
        String body = error == null ? success(operation)
                : "{\"__type\":\"" + error + "\",\"message\":\"scripted " + error + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String success(String operation) {
        return "StartExecution".equals(operation)
                ? "{\"executionArn\":\"arn:aws:states:us-east-1:123456789012:execution:escalation:x\",\"startDate\":1.7E9}"
                : "{}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
