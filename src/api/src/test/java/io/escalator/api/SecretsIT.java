package io.escalator.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model API key, even one a provider echoes back in its error, reaches the model and nothing else: not the stack's
 * log, not any API answer or report, not a byte of what the stack stores (runs, attempts, telemetry, analytics).
 */
class SecretsIT {

    private static final String CHEAP_KEY = "sk-canary-cheap-" + UUID.randomUUID();
    private static final String CAPABLE_KEY = "sk-canary-capable-" + UUID.randomUUID();
    private static final String TOKEN = "secrets-test-token-" + UUID.randomUUID();

    @TempDir
    Path workDir;

    @Test
    void modelKeysReachTheModelsAndAppearInNoLogAnswerReportOrStoredByte() throws IOException {
        try (ScriptedOpenAiServer models = ScriptedOpenAiServer.start()) {
            // as OpenAI does for a wrong key: the error quotes it
            models.script("cheap-model", Reply.httpError(401, """
                    {"error": {"message": "Incorrect API key provided: %s. You can find your API key at ...",
                     "type": "invalid_request_error", "code": "invalid_api_key"}}""".formatted(CHEAP_KEY)));
            models.script("capable-model", Reply.text("42").withUsage(100, 2));
            Path ladder = Files.writeString(workDir.resolve("ladder.json"), """
                    {"tiers": [
                      {"name": "cheap", "provider": "openai", "baseUrl": "%s", "model": "cheap-model",
                       "apiKeyEnv": "CHEAP_MODEL_KEY", "inputPricePerMillion": 1, "outputPricePerMillion": 2},
                      {"name": "capable", "provider": "openai", "baseUrl": "%1$s", "model": "capable-model",
                       "apiKey": "%s", "inputPricePerMillion": 3, "outputPricePerMillion": 15}
                    ]}""".formatted(models.baseUrl(), CAPABLE_KEY));
            Path data = workDir.resolve("data");
            List<String> answers = new ArrayList<>();
            String runId;
            try (LocalStackProcess stack = LocalStackProcess.start(workDir, Map.of(
                    "ESCALATOR_DATA_DIR", data.toString(),
                    "ESCALATOR_AUTH_TOKEN", TOKEN,
                    "ESCALATOR_LADDER_FILE", ladder.toString(),
                    "CHEAP_MODEL_KEY", CHEAP_KEY,
                    "QUARKUS_LOG_CATEGORY__IO_ESCALATOR__LEVEL", "DEBUG"))) {
                runId = api(stack).contentType(ContentType.JSON)
                        .body("{\"workflow\": \"prompt\", \"objective\": \"What is 6 times 7?\","
                                + " \"gates\": [{\"type\": \"equals\", \"value\": \"42\"}]}")
                        .when().post("/runs").then().statusCode(202).extract().path("runId");
                awaitEnd(stack, runId);

                for (String path : List.of("/runs/" + runId, "/runs/" + runId + "/report", "/runs/" + runId
                        + "/report?format=html", "/runs", "/analytics", "/analytics/recommendations")) {
                    answers.add(api(stack).when().get(path).then().extract().asString());
                }
                answers.add(api(stack).accept(ContentType.JSON).when().get("/runs/{id}/report", runId).then().extract().asString());

                assertThat(models.requests("cheap-model").getFirst().header("Authorization")).hasValue("Bearer " + CHEAP_KEY);
                assertThat(models.requests("capable-model").getFirst().header("Authorization")).hasValue("Bearer " + CAPABLE_KEY);
                assertThat(answers.getFirst()).as("the cheap tier's refusal is recorded").contains("HTTP 401");
                assertThat(String.join("\n", answers)).doesNotContain(CHEAP_KEY).doesNotContain(CAPABLE_KEY);
                assertThat(stack.output()).as("the stack's log")
                        .doesNotContain(CHEAP_KEY).doesNotContain(CAPABLE_KEY);
            }
            assertThat(storedFiles(data)).as("the store's files hold the run: they are readable as searched")
                    .anySatisfy(file -> assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).contains(runId));
            assertThat(storedFiles(data)).as("the store's files").allSatisfy(file -> assertThat(
                    new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                    .doesNotContain(CHEAP_KEY).doesNotContain(CAPABLE_KEY));
        }
    }

    private static RequestSpecification api(LocalStackProcess stack) {
        return given().baseUri(stack.url.toString()).header("Authorization", "Bearer " + TOKEN);
    }

    private static void awaitEnd(LocalStackProcess stack, String runId) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            String status = api(stack).when().get("/runs/{id}", runId).then().statusCode(200).extract().path("status");
            if (!"RUNNING".equals(status)) {
                assertThat(status).isEqualTo("SUCCEEDED");
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("run " + runId + " did not end:\n" + stack.output());
    }

    private static List<Path> storedFiles(Path data) {
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
