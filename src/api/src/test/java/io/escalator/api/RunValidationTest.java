package io.escalator.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad requests get a 400 (or 404, 415) with a JSON body naming what was wrong, and nothing is stored or called. */
@QuarkusTest
@WithTestResource(ScriptedModels.class)
class RunValidationTest {

    private static final String GATES = "[{\"type\":\"contains\",\"value\":\"x\"}]";

    ScriptedOpenAiServer models;

    static List<Arguments> badRuns() {
        return List.of(
                Arguments.of("malformed JSON", "{\"workflow\": \"prompt\",", "body"),
                Arguments.of("not an object", "[1, 2]", "body"),
                Arguments.of("unknown workflow", "{\"workflow\":\"poetry\",\"objective\":\"o\",\"gates\":" + GATES + "}", "workflow"),
                Arguments.of("missing objective", "{\"workflow\":\"prompt\",\"gates\":" + GATES + "}", "objective"),
                Arguments.of("no gates", "{\"workflow\":\"prompt\",\"objective\":\"o\"}", "gates"),
                Arguments.of("unknown gate type", "{\"workflow\":\"prompt\",\"objective\":\"o\",\"gates\":[{\"type\":\"vibes\"}]}", "gates[0].type"),
                Arguments.of("invalid regex", "{\"workflow\":\"prompt\",\"objective\":\"o\",\"gates\":[{\"type\":\"regex\",\"pattern\":\"(unclosed\"}]}", "gates[0].pattern"),
                Arguments.of("invalid schema", "{\"workflow\":\"prompt\",\"objective\":\"o\",\"gates\":[{\"type\":\"json-schema\",\"schema\":{\"type\":12}}]}", "gates[0].schema"),
                // found by ApiFuzzIT: a valid JSON number that no double holds
                Arguments.of("schema with a number beyond a double", "{\"workflow\":\"prompt\",\"objective\":\"o\",\"gates\":[{\"type\":\"json-schema\",\"schema\":{\"type\":1E+400}}]}", "gates[0].schema"),
                Arguments.of("negative budget", "{\"workflow\":\"prompt\",\"objective\":\"o\",\"gates\":" + GATES + ",\"budget\":{\"maxCost\":-1}}", "budget.maxCost"),
                Arguments.of("fractional attempts", "{\"workflow\":\"prompt\",\"objective\":\"o\",\"gates\":" + GATES + ",\"budget\":{\"maxAttempts\":2.5}}", "budget.maxAttempts"),
                Arguments.of("duplicate item ids", "{\"workflow\":\"prompt\",\"objective\":\"o\",\"gates\":" + GATES
                        + ",\"items\":[{\"id\":\"a\",\"input\":\"1\"},{\"id\":\"a\",\"input\":\"2\"}]}", "items[1].id"),
                Arguments.of("recorded-label gate without a recorded dataset", "{\"workflow\":\"prompt\",\"objective\":\"o\","
                        + "\"gates\":[{\"type\":\"recorded-label\",\"errorRate\":0.1}]}", "gates[0]"),
                Arguments.of("unknown field", "{\"workflow\":\"prompt\",\"objective\":\"o\",\"gates\":" + GATES + ",\"budjet\":{}}", "budjet"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRuns")
    void aBadRunRequestIsRefusedNamingTheFieldAndNothingIsStarted(String problem, String body, String field) {
        int runsBefore = runCount();
        models.reset();

        given().contentType(ContentType.JSON).body(body)
                .when().post("/runs")
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", notNullValue())
                .body("details.field", hasItem(field))
                .body(not(containsString("at io.escalator")));

        Assertions.assertThat(runCount()).isEqualTo(runsBefore);
        Assertions.assertThat(models.totalCalls()).isZero();
    }

    @Test
    void everyProblemOfARequestIsReportedAtOnce() {
        given().contentType(ContentType.JSON)
                .body("{\"workflow\":\"prompt\",\"gates\":[{\"type\":\"regex\",\"pattern\":\"[\"}],\"budget\":{\"maxSeconds\":0},\"budjet\":1}")
                .when().post("/runs")
                .then().statusCode(400)
                .body("details.field", org.hamcrest.Matchers.hasItems("budjet", "objective", "gates[0].pattern", "budget.maxSeconds"));
    }

    @Test
    void aRecordedLabelGateNeedsARecordedDatasetAndTheErrorSaysHowToConfigureOne() {
        given().contentType(ContentType.JSON)
                .body("{\"workflow\":\"prompt\",\"objective\":\"o\",\"gates\":[{\"type\":\"recorded-label\"}]}")
                .when().post("/runs")
                .then().statusCode(400)
                .body("details[0].field", equalTo("gates[0]"))
                .body("details[0].message", containsString("set escalator.replay.dataset (environment variable"
                        + " ESCALATOR_REPLAY_DATASET) to a RouterBench CSV"));
    }

    @Test
    void anUnknownRunIsNotFound() {
        given().when().get("/runs/{id}", "no-such-run")
                .then().statusCode(404).contentType(ContentType.JSON).body("error", containsString("no-such-run"));
        given().when().get("/runs/{id}/report", "no-such-run")
                .then().statusCode(404).contentType(ContentType.JSON).body("error", containsString("no-such-run"));
    }

    @Test
    void aCursorTheApiDidNotIssueIsRefused() {
        given().when().get("/runs?cursor=bm90LWEtY3Vyc29y")
                .then().statusCode(400).body("details[0].field", equalTo("cursor"));
    }

    @Test
    void aPageSizeOutOfRangeOrNotANumberIsRefused() {
        given().when().get("/runs?limit=0").then().statusCode(400).body("details[0].field", equalTo("limit"));
        given().when().get("/runs?limit=1000").then().statusCode(400).body("details[0].field", equalTo("limit"));
        given().when().get("/runs?limit=ten").then().statusCode(400).body("details[0].field", equalTo("limit"));
    }

    static List<Arguments> badListings() {
        return List.of(
                Arguments.of("status=DONE", "status", "RUNNING, AWAITING_APPROVAL, SUCCEEDED, NEEDS_HUMAN"),
                Arguments.of("workflow=poetry", "workflow", "known workflows: prompt, test-gen"),
                Arguments.of("since=yesterday", "since", "like 2026-11-20T10:00:00Z or a date like 2026-11-20"),
                Arguments.of("until=2026-02-30", "until", "2026-02-30"),
                Arguments.of("since=2026-11-21&until=2026-11-20", "since", "must be before until"),
                Arguments.of("limit=101", "limit", "from 1 to 100"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badListings")
    void aBadListingParameterIsRefusedNamingIt(String query, String field, String message) {
        given().when().get("/runs?" + query)
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("invalid request: " + field))
                .body("details.field", equalTo(List.of(field)))
                .body("details[0].message", containsString(message));
    }

    @Test
    void everyBadListingParameterIsNamedAtOnce() {
        given().when().get("/runs?status=DONE&workflow=poetry&since=soon&until=later&limit=0")
                .then().statusCode(400)
                .body("error", equalTo("invalid request: status, workflow, since, until, limit"))
                .body("details.field", equalTo(List.of("status", "workflow", "since", "until", "limit")));
    }

    @Test
    void aBodyThatIsNotJsonGetsAJsonError() {
        given().contentType(ContentType.TEXT).body("objective=hello")
                .when().post("/runs")
                .then().statusCode(415).contentType(ContentType.JSON).body("error", notNullValue());
    }

    private static int runCount() {
        return given().when().get("/runs?limit=100").then().statusCode(200).extract().jsonPath().getList("runs").size();
    }
}
