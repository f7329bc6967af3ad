package io.escalator.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.escalator.sandbox.JavaTestRun;
import io.escalator.sandbox.TestSandbox;
import io.escalator.support.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Lambda's control plane cannot run here, so the tests talk to this loopback stand-in for its Invoke API ({@code POST
 * /2015-03-31/functions/{name}/invocations}, the one thing mocked). It records every call and answers as the runGate
 * function does, running the tests in the sandbox it is given (a real child JVM), unless a test scripts a function
 * error or a service error.
 */
final class LambdaInvokeStandIn implements AutoCloseable {

    record Call(String function, String invocationType, JsonNode payload) {
    }

    private record Answer(int status, Map<String, String> headers, String body) {
    }

    private static final String FUNCTIONS = "/2015-03-31/functions/";
    private static final String INVOCATIONS = "/invocations";

    private final HttpServer server;
    private final TestSandbox gate;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Answer scripted;

    private LambdaInvokeStandIn(HttpServer server, TestSandbox gate) {
        this.server = server;
        this.gate = gate;
    }

    static LambdaInvokeStandIn start(TestSandbox gate) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LambdaInvokeStandIn standIn = new LambdaInvokeStandIn(server, gate);
            server.createContext(FUNCTIONS, standIn::handle);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client of this stand-in, built as the application builds its own except for the endpoint and credentials. */
    LambdaClient client() {
        return LambdaClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder()
                        .socketTimeout(LambdaTestSandbox.readTimeout(TestRuns.LONGEST_RUN)).build())
                .build();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Every later call ends as a function that threw ends: HTTP 200, X-Amz-Function-Error, Lambda's error document. */
    void failFunction(String errorType, String errorMessage) {
        scripted = new Answer(200, Map.of("X-Amz-Function-Error", "Unhandled"), Json.write(Map.of(
                "errorType", errorType, "errorMessage", errorMessage,
                "stackTrace", List.of("io.escalator.gate.RunGateFunction.run(RunGateFunction.java:24)"))));
    }

    /** Every later call is refused by the service itself with this error (e.g. 404 ResourceNotFoundException). */
    void failService(int status, String errorType, String message) {
        scripted = new Answer(status, Map.of("x-amzn-ErrorType", errorType),
                Json.write(Map.of("Type", "User", "message", message)));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String function = path.substring(FUNCTIONS.length(), path.length() - INVOCATIONS.length());
        JsonNode payload = Json.mapper().readTree(exchange.getRequestBody());
        calls.add(new Call(function, exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"), payload));
        Answer answer = scripted != null ? scripted
                : new Answer(200, Map.of(), Json.write(gate.run(Json.mapper().treeToValue(payload, JavaTestRun.class))));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach(exchange.getResponseHeaders()::add);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
