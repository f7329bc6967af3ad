package io.escalator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.escalator.testing.RecordedRequest;
import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged local stack under load: concurrent clients (50 by default) each start a run, follow it to its end and
 * start the next, against a scripted model with realistic latency, until a deadline or a cap on runs. Afterwards no
 * request failed, every run a client started is listed and terminal, and each run's spend is exactly the sum of its
 * attempts' costs, within its budget. Throughput and API latency are written to {@code target/load-report.json}.
 * <p>
 * The build runs a short load (20 s); {@code -Descalator.load.duration=PT3M} (and {@code .clients}, {@code .max-runs})
 * runs the one reported in the README's Performance section.
 */
class ApiLoadIT {

    private static final int CLIENTS = Integer.getInteger("escalator.load.clients", 50);
    private static final Duration DURATION = Duration.parse(System.getProperty("escalator.load.duration", "PT20S"));
    private static final int MAX_RUNS = Integer.getInteger("escalator.load.max-runs", 20_000);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final String TOKEN = "load-test-token-" + System.nanoTime();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One item in four is one the cheap model gets wrong: it escalates to the capable tier. */
    private static final String HARD = "(hard)";

    private static ScriptedOpenAiServer models;

    @TempDir
    Path workDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Latencies startLatency = new Latencies();
    private final Latencies readLatency = new Latencies();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void startModels() {
        models = ScriptedOpenAiServer.start();
        models.script("cheap-model", answering(request -> request.userText().contains(HARD) ? "41" : "42", 100, 600));
        models.script("capable-model", answering(request -> "42", 300, 1_500));
    }

    @AfterAll
    static void stopModels() {
        models.close();
    }

    @Test
    void concurrentClientsLoseNoRunAndNoDollarAndGetNoErrors() throws Exception {
        Map<String, String> env = Map.of(
                "ESCALATOR_DATA_DIR", workDir.resolve("data").toString(),
                "ESCALATOR_AUTH_TOKEN", TOKEN,
                "ESCALATOR_LADDER_FILE", Files.writeString(workDir.resolve("ladder.json"), """
                        {"tiers": [
                          {"name": "cheap", "provider": "openai", "baseUrl": "%s", "model": "cheap-model",
                           "inputPricePerMillion": 0.15, "outputPricePerMillion": 0.6, "maxOutputTokens": 200},
                          {"name": "capable", "provider": "openai", "baseUrl": "%1$s", "model": "capable-model",
                           "inputPricePerMillion": 3, "outputPricePerMillion": 15, "maxOutputTokens": 200}
                        ]}""".formatted(models.baseUrl())).toString());
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        long begun;
        long ended;
        try (LocalStackProcess stack = LocalStackProcess.start(workDir, env)) {
            AtomicInteger budget = new AtomicInteger(MAX_RUNS);
            long deadline = System.nanoTime() + DURATION.toNanos();
            begun = System.nanoTime();
            try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
                List<Future<?>> running = new ArrayList<>();
                for (int client = 0; client < CLIENTS; client++) {
                    running.add(clients.submit(() -> {
                        while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                            String runId = startRun(stack.url);
                            if (runId != null) {
                                started.add(runId);
                                followToEnd(stack.url, runId);
                            }
                        }
                    }));
                }
                for (Future<?> client : running) {
                    client.get();
                }
            }
            ended = System.nanoTime();

            assertThat(errors).as("request errors").isEmpty();
            assertThat(started).isNotEmpty();
            assertThat(listedRunIds(stack.url)).as("every started run is listed").containsAll(started);
            int attempts = 0;
            for (String runId : started) {
                JsonNode run = read(stack.url, runId);
                assertThat(run.path("status").asText()).as("run %s", runId).isEqualTo("SUCCEEDED");
                BigDecimal recorded = BigDecimal.ZERO;
                for (JsonNode attempt : run.path("attempts")) {
                    recorded = recorded.add(attempt.path("cost").decimalValue());
                    attempts++;
                }
                JsonNode budgetView = run.path("budget");
                assertThat(budgetView.path("spent").decimalValue()).as("run %s spend", runId).isEqualByComparingTo(recorded);
                assertThat(budgetView.path("committed").decimalValue()).as("run %s committed", runId).isEqualByComparingTo(recorded);
                assertThat(recorded).isLessThanOrEqualTo(budgetView.path("maxCost").decimalValue());
            }
            report(started.size(), attempts, Duration.ofNanos(ended - begun));
        }
    }

    /** POST /runs; null (and an error recorded) when the stack did not accept it. */
    private String startRun(URI stack) {
        int items = 1 + ThreadLocalRandom.current().nextInt(3);
        StringBuilder body = new StringBuilder("{\"workflow\":\"prompt\",\"objective\":\"Answer with the number only.\",")
                .append("\"gates\":[{\"type\":\"equals\",\"value\":\"42\"}],\"budget\":{\"maxCost\":0.05},\"items\":[");
        for (int i = 0; i < items; i++) {
            boolean hard = ThreadLocalRandom.current().nextInt(4) == 0;
            body.append(i == 0 ? "" : ",").append("{\"id\":\"q").append(i).append("\",\"input\":\"What is 6 times 7?")
                    .append(hard ? " " + HARD : "").append("\"}");
        }
        body.append("]}");
        HttpRequest request = authorized(stack.resolve("/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response = send(request, startLatency);
        if (response == null || response.statusCode() != 202) {
            errors.add("POST /runs: " + describe(response));
            return null;
        }
        return json(response.body()).path("runId").asText();
    }

    private void followToEnd(URI stack, String runId) {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            pause(Duration.ofMillis(250));
            HttpResponse<String> response = send(authorized(stack.resolve("/runs/" + runId)).GET().build(), readLatency);
            if (response == null || response.statusCode() != 200) {
                errors.add("GET /runs/" + runId + ": " + describe(response));
                return;
            }
            if (!Set.of("RUNNING", "AWAITING_APPROVAL").contains(json(response.body()).path("status").asText())) {
                return;
            }
        }
        errors.add("run " + runId + " did not end within " + RUN_TIMEOUT);
    }

    private Set<String> listedRunIds(URI stack) {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        do {
            URI page = stack.resolve("/runs?limit=100" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            JsonNode body = json(send(authorized(page).GET().build(), new Latencies()).body());
            body.path("runs").forEach(run -> ids.add(run.path("runId").asText()));
            cursor = body.hasNonNull("nextCursor") ? body.path("nextCursor").asText() : null;
        } while (cursor != null);
        return ids;
    }

    private JsonNode read(URI stack, String runId) {
        return json(send(authorized(stack.resolve("/runs/" + runId)).GET().build(), new Latencies()).body());
    }

    private HttpResponse<String> send(HttpRequest request, Latencies latencies) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            latencies.add(System.nanoTime() - start);
            return response;
        } catch (IOException e) {
            errors.add(request.method() + " " + request.uri().getPath() + ": " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN);
    }

    private void report(int runs, int attempts, Duration elapsed) throws IOException {
        double seconds = elapsed.toMillis() / 1000.0;
        Map<String, Object> report = Map.of(
                "clients", CLIENTS,
                "durationSeconds", seconds,
                "runs", runs,
                "attempts", attempts,
                "errors", errors.size(),
                "runsPerSecond", runs / seconds,
                "attemptsPerSecond", attempts / seconds,
                "startRunMs", startLatency.summary(),
                "readRunMs", readLatency.summary());
        String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        Files.writeString(Path.of("target", "load-report.json"), text);
        System.out.println("Load report:\n" + text);
    }

    /** Answers after a uniformly drawn delay in [minMs, maxMs], as a hosted model does. */
    private static Function<RecordedRequest, Reply> answering(Function<RecordedRequest, String> answer, int minMs, int maxMs) {
        return request -> Reply.delayed(Duration.ofMillis(ThreadLocalRandom.current().nextInt(minMs, maxMs + 1)),
                Reply.text(answer.apply(request)).withUsage(120, 4));
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static String describe(HttpResponse<String> response) {
        return response == null ? "no response" : response.statusCode() + " " + response.body();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Request latencies in nanoseconds, summarised as milliseconds. */
    private static final class Latencies {
        private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

        void add(long value) {
            nanos.add(value);
        }

        Map<String, Object> summary() {
            List<Long> sorted = nanos.stream().sorted().toList();
            if (sorted.isEmpty()) {
                return Map.of("count", 0);
            }
            return Map.of("count", sorted.size(), "p50", millis(sorted, 0.50), "p99", millis(sorted, 0.99),
                    "max", sorted.getLast() / 1e6);
        }

        private static double millis(List<Long> sorted, double quantile) {
            return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
        }
    }
}
