package io.escalator.api;

import static io.escalator.api.ScriptedModels.CHEAP;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every input limit answers with a clear 400 or 413 naming the limit, and a hostile pattern cannot hang a run. */
@QuarkusTest
@WithTestResource(ScriptedModels.class)
class InputLimitsTest {

    private static final String GATES = "[{\"type\":\"contains\",\"value\":\"x\"}]";

    ScriptedOpenAiServer models;

    @Test
    void aBodyOverTheSizeLimitIsRefusedWith413AndAJsonError() {
        String objective = "x".repeat(5 * 1024 * 1024);
        given().contentType(ContentType.JSON)
                .body("{\"workflow\":\"prompt\",\"objective\":\"" + objective + "\",\"gates\":" + GATES + "}")
                .when().post("/runs")
                .then().statusCode(413).contentType(ContentType.JSON).body("error", containsString("4 MB"));
    }

    @Test
    void moreItemsThanARunTakesAreRefusedNamingTheLimit() {
        String items = IntStream.range(0, 1_001).mapToObj(i -> "{\"id\":\"i" + i + "\",\"input\":\"q\"}")
                .collect(Collectors.joining(",", "[", "]"));
        refused("{\"workflow\":\"prompt\",\"objective\":\"o\",\"gates\":" + GATES + ",\"items\":" + items + "}",
                "items", "at most 1000");
    }

    @Test
    void anObjectiveLongerThanTheLimitIsRefusedNamingIt() {
        refused("{\"workflow\":\"prompt\",\"objective\":\"" + "o".repeat(100_001) + "\",\"gates\":" + GATES + "}",
                "objective", "at most 100000");
    }

    @Test
    void aTestGenSourceLongerThanTheLimitIsRefusedNamingIt() {
        refused("{\"workflow\":\"test-gen\",\"source\":{\"path\":\"src/main/java/demo/Calculator.java\",\"content\":\""
                + "s".repeat(100_001) + "\"}}", "source.content", "at most 100000");
    }

    @Test
    void moreGatesThanARunTakesAreRefusedNamingTheLimit() {
        String gates = IntStream.range(0, 51).mapToObj(i -> "{\"type\":\"contains\",\"value\":\"x\"}")
                .collect(Collectors.joining(",", "[", "]"));
        refused("{\"workflow\":\"prompt\",\"objective\":\"o\",\"gates\":" + gates + "}", "gates", "at most 50");
    }

    @Test
    void aPatternLongerThanTheLimitIsRefusedNamingIt() {
        refused("{\"workflow\":\"prompt\",\"objective\":\"o\",\"gates\":[{\"type\":\"regex\",\"pattern\":\""
                + "a".repeat(1_001) + "\"}]}", "gates[0].pattern", "at most 1000");
    }

    @Test
    void aJsonSchemaLargerThanTheLimitIsRefusedNamingIt() {
        String properties = IntStream.range(0, 3_000).mapToObj(i -> "\"p" + i + "\":{\"type\":\"string\"}")
                .collect(Collectors.joining(",", "{", "}"));
        refused("{\"workflow\":\"prompt\",\"objective\":\"o\",\"gates\":[{\"type\":\"json-schema\",\"schema\":"
                + "{\"type\":\"object\",\"properties\":" + properties + "}}]}", "gates[0].schema", "at most 50000");
    }

    @Test
    void anAmountTooLargeForANumberOrABudgetIsRefusedNamingIt() {
        refused("{\"workflow\":\"prompt\",\"objective\":\"o\",\"gates\":" + GATES + ",\"autoApproveUnder\":1E+400}",
                "autoApproveUnder", "must be a finite number");
        refused("{\"workflow\":\"prompt\",\"objective\":\"o\",\"gates\":" + GATES + ",\"budget\":{\"maxCost\":1000001}}",
                "budget.maxCost", "at most 1000000");
    }

    @Test
    void aCatastrophicPatternCannotHangARunItsCheckGivesUpInTime() {
        models.script(CHEAP, Reply.text("a".repeat(40) + "!"));
        String runId = given().contentType(ContentType.JSON)
                .body("{\"workflow\":\"prompt\",\"objective\":\"Say a lot of a\",\"budget\":{\"maxAttempts\":1},"
                        + "\"gates\":[{\"type\":\"regex\",\"pattern\":\"(.*a){12}$\"}]}")
                .when().post("/runs").then().statusCode(202).extract().path("runId");

        Instant started = Instant.now();
        JsonPath run = Runs.awaitEnd(runId);

        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(30));
        assertThat(run.getString("attempts[0].gates[0].message")).contains("took longer than 200 ms and was stopped");
        assertThat(run.getBoolean("attempts[0].gates[0].passed")).isFalse();
    }

    private static void refused(String body, String field, String message) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/runs")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("details.field", hasItem(field))
                .body("details.find { it.field == '" + field + "' }.message", containsString(message));
    }
}
