package io.escalator.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;

/**
 * A loopback HTTP proxy in front of DynamoDB Local that injects the faults a real DynamoDB has: throttling
 * ({@code ProvisionedThroughputExceededException}, HTTP 400, which the AWS SDK retries) and an outage (every request
 * answered 503, or the connection closed without an answer, as when the store process is gone). Everything else is
 * forwarded unchanged; DynamoDB Local does not check request signatures, so a changed Host header does not matter.
 */
public final class FaultyStoreProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "expect", "upgrade", "keep-alive");
    private static final String THROTTLED = """
            {"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",\
            "message":"The level of configured provisioned throughput for the table was exceeded (injected)"}""";

    private final HttpServer server;
    private final ExecutorService handlers;
    private final URI target;
    private final HttpClient forward = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.PASS);
    private final AtomicReference<IntPredicate> throttled = new AtomicReference<>(n -> false);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger faults = new AtomicInteger();
    private final AtomicInteger downAfter = new AtomicInteger(Integer.MAX_VALUE);

    private enum Mode { PASS, DOWN }

    private FaultyStoreProxy(HttpServer server, ExecutorService handlers, URI target) {
        this.server = server;
        this.handlers = handlers;
        this.target = target;
    }

    /** A proxy for the DynamoDB endpoint {@code target}, passing everything through until told otherwise. */
    public static FaultyStoreProxy to(URI target) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
            ExecutorService handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("store-proxy-", 0).factory());
            FaultyStoreProxy proxy = new FaultyStoreProxy(server, handlers, target);
            server.createContext("/", proxy::handle);
            server.setExecutor(handlers);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the store proxy", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Throttles the requests whose number (from 1, counting every request the proxy saw) matches. */
    public FaultyStoreProxy throttle(IntPredicate requestNumber) {
        throttled.set(requestNumber);
        return this;
    }

    /** The store is gone from now on: connections are closed without an answer. */
    public FaultyStoreProxy down() {
        mode.set(Mode.DOWN);
        return this;
    }

    /** The store goes away once this many more requests have passed. */
    public FaultyStoreProxy downAfter(int moreRequests) {
        downAfter.set(requests.get() + moreRequests);
        return this;
    }

    /** The store is back, without throttling. */
    public FaultyStoreProxy restore() {
        downAfter.set(Integer.MAX_VALUE);
        throttled.set(n -> false);
        mode.set(Mode.PASS);
        return this;
    }

    public boolean isDown() {
        return mode.get() == Mode.DOWN;
    }

    /** Requests seen, faulted or not. */
    public int requests() {
        return requests.get();
    }

    /** Requests answered with a fault (throttled or dropped). */
    public int faults() {
        return faults.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int number = requests.incrementAndGet();
            if (number > downAfter.get()) {
                mode.set(Mode.DOWN);
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (mode.get() == Mode.DOWN) {
                faults.incrementAndGet();
                exchange.getResponseBody().close(); // no status line: the client sees the connection closed
                return;
            }
            if (throttled.get().test(number)) {
                faults.incrementAndGet();
                send(exchange, 400, "application/x-amz-json-1.0", THROTTLED.getBytes(StandardCharsets.UTF_8));
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<InputStream> response = forward.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream answer = response.body()) {
                send(exchange, response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse("application/x-amz-json-1.0"),
                        answer.readAllBytes());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
