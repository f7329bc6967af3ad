package io.escalator.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.escalator.store.CallbackKind;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaMapperRecorder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lambda, for the state machine run by the interpreter: a loopback HTTP server that invokes the function beans
 * directly, reading and writing JSON with the mapper Funqy uses, and answering a function's exception as Lambda reports
 * it to Step Functions behind {@link UnwrappingFunqyHandler}: HTTP 500 with {@code {"errorType": <the exception's
 * class>, "errorMessage"}}.
 * <ul>
 * <li>{@code POST /functions/<name>}: a Task whose Resource is the function's ARN; the body is the function's event.</li>
 * <li>{@code POST /callbacks}: a {@code lambda:invoke.waitForTaskToken} Task; the body is {@code {"FunctionName",
 * "Payload"}}. It invokes recordApprovalToken with the payload, then answers with what the callback of that kind
 * would carry (see {@link #answerCallbacks}).</li>
 * </ul>
 */
final class FunctionDispatcher implements AutoCloseable {

    /** The ARN the state machine gets for recordApprovalToken (its waitForTaskToken Tasks must invoke that one). */
    static final String RECORD_APPROVAL_TOKEN_ARN = functionArn("recordApprovalToken");

    private final RunStepFunctions functions;
    private final ObjectMapper json = AmazonLambdaMapperRecorder.objectMapper;
    private final HttpServer server;
    /**
     * The JDK's HTTP server runs handlers without the application's context class loader, which Quarkus needs to
     * create beans (their configuration is found through it): its handler threads get the test's.
     */
    private final ExecutorService handlers = Executors.newThreadPerTaskExecutor(task -> {
        Thread thread = Thread.ofVirtual().name("lambda-stand-in").unstarted(task);
        thread.setContextClassLoader(FunctionDispatcher.class.getClassLoader());
        return thread;
    });
    private final Map<String, Deque<LambdaFault>> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();
    private final Map<CallbackKind, Callback> callbacks = new ConcurrentHashMap<>();

    private FunctionDispatcher(RunStepFunctions functions) throws IOException {
        this.functions = functions;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/functions/", this::invokeFunction);
        server.createContext("/callbacks", this::waitForCallback);
        server.setExecutor(handlers);
    }

    static FunctionDispatcher start(RunStepFunctions functions) {
        try {
            FunctionDispatcher dispatcher = new FunctionDispatcher(functions);
            dispatcher.server.start();
            return dispatcher;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the function dispatcher", e);
        }
    }

    static String functionArn(String function) {
        return "arn:aws:lambda:us-east-1:123456789012:function:escalator-" + function;
    }

    URI functionUrl(String function) {
        return URI.create(base() + "/functions/" + function);
    }

    URI callbackUrl() {
        return URI.create(base() + "/callbacks");
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The next calls of this function fail with these Lambda service faults, one per call, in order ({@link
     * LambdaFault#NONE}: that call goes through).
     */
    void failNextCalls(String function, LambdaFault... next) {
        faults.computeIfAbsent(function, name -> new ArrayDeque<>()).addAll(List.of(next));
    }

    /** What a person (or the clock) answers to the state machine's callbacks of this kind. */
    void answerCallbacks(CallbackKind kind, Callback callback) {
        callbacks.put(kind, callback);
    }

    /** Calls of this function that reached it (those a fault stopped before the function ran do not count). */
    int invocationsOf(String function) {
        return invocations.getOrDefault(function, new AtomicInteger()).get();
    }

    private void invokeFunction(HttpExchange exchange) throws IOException {
        String function = exchange.getRequestURI().getPath().substring("/functions/".length());
        respond(exchange, () -> {
            JsonNode event = json.readTree(exchange.getRequestBody());
            LambdaFault fault = nextFault(function);
            if (fault == LambdaFault.BEFORE_INVOCATION) {
                throw fault.error();
            }
            Object output = invoke(function, event);
            if (fault == LambdaFault.AFTER_INVOCATION) {
                throw fault.error();
            }
            return output;
        });
    }

    private Object invoke(String function, JsonNode event) throws IOException {
        invocations.computeIfAbsent(function, name -> new AtomicInteger()).incrementAndGet();
        return switch (function) {
            case "estimate" -> functions.estimate(json.treeToValue(event, RunStepInput.class));
            case "executeTier" -> functions.executeTier(json.treeToValue(event, RunStepInput.class));
            case "decide" -> functions.decide(json.treeToValue(event, RunStepInput.class));
            case "finalize" -> functions.finalizeRun(json.treeToValue(event, FinalizeInput.class));
            case "recordApprovalToken" -> functions.recordApprovalToken(json.treeToValue(event, ApprovalTokenInput.class));
            default -> throw new IllegalArgumentException("no function named " + function);
        };
    }

    private void waitForCallback(HttpExchange exchange) throws IOException {
        respond(exchange, () -> {
            JsonNode request = json.readTree(exchange.getRequestBody());
            if (!RECORD_APPROVAL_TOKEN_ARN.equals(request.path("FunctionName").asText())) {
                throw new IllegalArgumentException("a callback Task invoked " + request.path("FunctionName")
                        + ", not recordApprovalToken");
            }
            ApprovalTokenOutput recorded = (ApprovalTokenOutput) invoke("recordApprovalToken", request.get("Payload"));
            Callback callback = callbacks.get(recorded.kind());
            if (callback == null) {
                throw new IllegalStateException("this test expected no " + recorded.kind() + " callback");
            }
            return json.readTree(callback.answer(recorded.runId(), request.path("Payload").path("taskToken").asText()));
        });
    }

    private LambdaFault nextFault(String function) {
        Deque<LambdaFault> next = faults.get(function);
        return next == null ? null : next.pollFirst();
    }

    private void respond(HttpExchange exchange, Invocation invocation) throws IOException {
        int status;
        byte[] body;
        try {
            body = json.writeValueAsBytes(invocation.run());
            status = 200;
        } catch (Exception | AssertionError e) {
            // An AssertionError too (a callback finding what a test did not expect): the Task fails with it, instead
            // of the exchange never being answered and the execution waiting for ever.
            String errorType = e instanceof TaskError taskError ? taskError.errorType() : e.getClass().getName();
            body = json.writeValueAsBytes(Map.of("errorType", errorType, "errorMessage", String.valueOf(e.getMessage())));
            status = 500;
        }
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    @FunctionalInterface
    private interface Invocation {
        Object run() throws Exception;
    }

    /** Answers a callback the state machine waits on: the JSON its SendTaskSuccess carries, or a {@link TaskError}. */
    @FunctionalInterface
    interface Callback {
        String answer(String runId, String taskToken) throws TaskError;
    }

    /** An error the Task fails with that no function throws (a Lambda service fault, a callback timing out). */
    static final class TaskError extends Exception {

        private final String errorType;

        TaskError(String errorType, String message) {
            super(message);
            this.errorType = errorType;
        }

        String errorType() {
            return errorType;
        }
    }

    /**
     * A fault of the Lambda service itself (Lambda.ServiceException), which cannot happen locally, so the dispatcher
     * simulates it: before the function runs, or after it ran with its answer lost (the case a retried step must not
     * repeat).
     */
    enum LambdaFault {
        /** No fault: the call goes through (to fail a later call, not the next one). */
        NONE,
        BEFORE_INVOCATION,
        AFTER_INVOCATION;

        TaskError error() {
            return new TaskError("Lambda.ServiceException",
                    "simulated Lambda service fault (" + name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
    }
}
