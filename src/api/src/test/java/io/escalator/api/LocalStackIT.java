package io.escalator.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged local stack as users run it: a real process with DynamoDB Local persisted under its data directory,
 * killed with SIGKILL mid-run and started again; refusing to start without an API token.
 */
class LocalStackIT {

    private static final String CHEAP = "cheap-model";
    private static final String TOKEN = "it-token-" + UUID.randomUUID();
    private static final String RUN = """
            {"workflow": "prompt", "objective": "What is 6 times 7?", "gates": [{"type": "equals", "value": "42"}]}""";

    private static ScriptedOpenAiServer models;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startModels() {
        models = ScriptedOpenAiServer.start();
    }

    @AfterAll
    static void stopModels() {
        models.close();
    }

    @Test
    void aStackKilledMidRunKeepsEveryRunAndFinishesTheInterruptedOneWhenRestarted() throws IOException {
        Map<String, String> env = Map.of(
                "ESCALATOR_AUTH_TOKEN", TOKEN,
                "ESCALATOR_DATA_DIR", workDir.resolve("data").toString(),
                "ESCALATOR_LADDER_FILE", ladder("""
                        {"tiers": [
                          {"name": "cheap", "provider": "openai", "baseUrl": "%s", "model": "cheap-model",
                           "inputPricePerMillion": 1, "outputPricePerMillion": 2, "maxOutputTokens": 100},
                          {"name": "capable", "provider": "openai", "baseUrl": "%1$s", "model": "capable-model",
                           "inputPricePerMillion": 3, "outputPricePerMillion": 15}
                        ]}""".formatted(models.baseUrl())).toString());
        String finishedRun;
        String interruptedRun;
        List<Object> finishedAttempts;
        try (LocalStackProcess stack = LocalStackProcess.start(workDir, env)) {
            models.script(CHEAP, Reply.text("42").withUsage(100, 10));
            finishedRun = start(stack, RUN);
            finishedAttempts = awaitRun(stack, finishedRun, run -> "SUCCEEDED".equals(run.getString("status"))).getList("attempts");

            models.script(CHEAP, Reply.delayed(Duration.ofMinutes(2), Reply.text("42")));
            interruptedRun = start(stack, RUN);
            awaitRun(stack, interruptedRun, run -> "STARTED".equals(run.getString("attempts[0].state")));
            stack.kill();
        }

        models.script(CHEAP, Reply.text("42").withUsage(100, 10));
        try (LocalStackProcess stack = LocalStackProcess.start(workDir, env)) {
            JsonPath finished = get(stack, finishedRun);
            assertThat(finished.getString("status")).isEqualTo("SUCCEEDED");
            assertThat(finished.getList("attempts")).isEqualTo(finishedAttempts);

            JsonPath resumed = awaitRun(stack, interruptedRun, run -> "SUCCEEDED".equals(run.getString("status")));
            assertThat(resumed.getList("attempts.seq", Integer.class)).containsExactly(1, 2);
            assertThat(resumed.getString("attempts[0].error")).startsWith("interrupted");
            assertThat(resumed.getString("attempts[0].decision")).isEqualTo("RETRY");
            assertThat(resumed.getString("attempts[1].decision")).isEqualTo("SUCCEED");
            // the interrupted call may have been billed: its worst-case reservation is charged, and the run's
            // spend is exactly the sum of its recorded attempts
            BigDecimal recorded = resumed.getList("attempts.cost", BigDecimal.class).stream()
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(new BigDecimal(resumed.getString("budget.spent"))).isEqualByComparingTo(recorded);
            assertThat(new BigDecimal(resumed.getString("attempts[0].cost"))).isPositive();
            assertThat(new BigDecimal(resumed.getString("budget.committed"))).isEqualByComparingTo(recorded);
        }
    }

    @Test
    void aBrokenLadderStopsTheStackFromStartingAndNamesEveryError() throws IOException {
        Map<String, String> env = Map.of(
                "ESCALATOR_AUTH_TOKEN", TOKEN,
                "ESCALATOR_DATA_DIR", workDir.resolve("data").toString(),
                "ESCALATOR_LADDER_FILE", ladder("""
                        {"tiers": [
                          {"name": "cheap", "provider": "openai", "baseUrl": "http://localhost:11434/v1", "model": "m",
                           "inputPricePerMillion": 0, "outputPricePerMillion": 0, "maxAttempts": 0},
                          {"name": "premium", "provider": "openai", "baseUrl": "http://localhost:11434/v1",
                           "inputPricePerMillion": -1, "outputPricePerMillion": 0, "maxAtempts": 2}
                        ]}""").toString());

        try (LocalStackProcess stack = LocalStackProcess.start(workDir, env)) {
            assertThat(stack.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(stack.output())
                    .contains("tier 'cheap' (tiers[0]): maxAttempts")
                    .contains("tier 'premium' (tiers[1])")
                    .contains("model")
                    .contains("inputPricePerMillion")
                    .contains("maxAtempts");
        }
    }

    @Test
    void withoutATokenTheStackRefusesToStartInOneLineSayingWhatToSet() {
        try (LocalStackProcess stack = LocalStackProcess.start(workDir, Map.of(
                "ESCALATOR_DATA_DIR", workDir.resolve("data").toString()))) {
            assertThat(stack.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(stack.output().lines().filter(line -> line.contains("ESCALATOR_AUTH_TOKEN")))
                    .containsExactly("No API token: set ESCALATOR_AUTH_TOKEN (for example export ESCALATOR_AUTH_TOKEN="
                            + "$(openssl rand -hex 32)) and send it as 'Authorization: Bearer <token>', or set"
                            + " ESCALATOR_AUTH_DISABLED=true to run without authentication (development only).");
            assertThat(stack.output()).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void withAuthenticationDisabledTheStackSaysSoLoudlyAndEveryCallerIsAnAdmin() {
        try (LocalStackProcess stack = LocalStackProcess.start(workDir, Map.of(
                "ESCALATOR_AUTH_DISABLED", "true",
                "ESCALATOR_DATA_DIR", workDir.resolve("data").toString()))) {
            assertThat(stack.isAlive()).as(stack.output()).isTrue();
            assertThat(stack.output()).contains("WARN", "AUTHENTICATION IS DISABLED (ESCALATOR_AUTH_DISABLED=true)");
            given().baseUri(stack.url.toString()).when().get("/runs").then().statusCode(200);
            given().baseUri(stack.url.toString()).when().get("/analytics").then().statusCode(200);
        }
    }

    /** The stack's whole output: started, called with the token and with a wrong one, a run started and read. */
    @Test
    void theTokenNeverReachesTheLogNorAnAnswer() throws IOException {
        String wrongToken = "wrong-" + UUID.randomUUID();
        models.script(CHEAP, Reply.text("42").withUsage(100, 10));
        StringBuilder answers = new StringBuilder();
        try (LocalStackProcess stack = LocalStackProcess.start(workDir, Map.of(
                "ESCALATOR_AUTH_TOKEN", TOKEN,
                "ESCALATOR_DATA_DIR", workDir.resolve("data").toString(),
                "ESCALATOR_LADDER_FILE", ladder("""
                        {"tiers": [{"name": "cheap", "provider": "openai", "baseUrl": "%s", "model": "cheap-model",
                          "inputPricePerMillion": 0, "outputPricePerMillion": 0}]}""".formatted(models.baseUrl())).toString()))) {
            String runId = start(stack, RUN);
            awaitRun(stack, runId, run -> "SUCCEEDED".equals(run.getString("status")));
            for (String path : List.of("/runs", "/runs/" + runId, "/runs/" + runId + "/report", "/analytics", "/q/health")) {
                answers.append(given().baseUri(stack.url.toString()).auth().oauth2(TOKEN).get(path).asString());
                answers.append(given().baseUri(stack.url.toString()).auth().oauth2(wrongToken).get(path).asString());
                answers.append(given().baseUri(stack.url.toString()).get(path).asString());
            }
            stack.close();
            assertThat(stack.output()).contains("Ladder").doesNotContain(TOKEN, wrongToken);
        }
        assertThat(answers.toString()).contains("\"error\"").doesNotContain(TOKEN, wrongToken);
    }

    private Path ladder(String json) throws IOException {
        return Files.writeString(workDir.resolve("ladder-" + System.nanoTime() + ".json"), json);
    }

    private static String start(LocalStackProcess stack, String body) {
        return given().baseUri(stack.url.toString()).auth().oauth2(TOKEN).contentType(ContentType.JSON).body(body)
                .when().post("/runs").then().statusCode(202).extract().path("runId");
    }

    private static JsonPath get(LocalStackProcess stack, String runId) {
        return given().baseUri(stack.url.toString()).auth().oauth2(TOKEN).when().get("/runs/{id}", runId)
                .then().statusCode(200).extract().jsonPath()
                .using(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    private static JsonPath awaitRun(LocalStackProcess stack, String runId, Predicate<JsonPath> condition) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            JsonPath run = get(stack, runId);
            if (condition.test(run)) {
                return run;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("run " + runId + " did not reach the expected state; last seen: " + get(stack, runId).prettify()
                + "\nstack output:\n" + stack.output());
    }
}
