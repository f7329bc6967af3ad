package io.escalator.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback stand-in for the Step Functions API (AWS JSON 1.0 protocol) where the application's Step Functions client
 * sends its callbacks. It accepts every call and records each {@code SendTaskSuccess}: the task token and the output.
 */
public final class StepFunctionsApiStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEND_TASK_SUCCESS = "AWSStepFunctions.SendTaskSuccess";

    private final HttpServer server;
    private final ExecutorService handlers;
    private final List<TaskSuccess> taskSuccesses = new CopyOnWriteArrayList<>();

    private StepFunctionsApiStub(HttpServer server, ExecutorService handlers) {
        this.server = server;
        this.handlers = handlers;
    }

    public static StepFunctionsApiStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
            StepFunctionsApiStub stub = new StepFunctionsApiStub(server, handlers);
            server.createContext("/", stub::handle);
            server.setExecutor(handlers);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the Step Functions API stand-in", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** What a {@code SendTaskSuccess} for this token carried as its output, if one was sent. */
    public Optional<String> outputSentFor(String taskToken) {
        return taskSuccesses.stream().filter(success -> success.taskToken().equals(taskToken))
                .map(TaskSuccess::output).findFirst();
    }

    public List<TaskSuccess> taskSuccesses() {
        return List.copyOf(taskSuccesses);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            if (SEND_TASK_SUCCESS.equals(target)) {
                taskSuccesses.add(new TaskSuccess(body.path("taskToken").asText(), body.path("output").asText()));
            }
            byte[] response = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    /** A {@code SendTaskSuccess} call. */
    public record TaskSuccess(String taskToken, String output) {
    }
}
