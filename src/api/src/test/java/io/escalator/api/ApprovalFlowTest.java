package io.escalator.api;

import static io.escalator.api.ScriptedModels.CHEAP;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs above their approval line wait for a person, who approves or rejects through the API. */
@QuarkusTest
@WithTestResource(ScriptedModels.class)
class ApprovalFlowTest {

    private static final String NEEDS_APPROVAL = """
            {"workflow": "prompt", "objective": "What is 6 times 7?", "autoApproveUnder": 0,
             "gates": [{"type": "equals", "value": "42"}]}""";

    ScriptedOpenAiServer models;

    @BeforeEach
    void script() {
        models.reset();
        models.script(CHEAP, Reply.text("42"));
    }

    @Test
    void aRunAboveItsApprovalLineWaitsWithoutCallingAModelUntilApproved() {
        String runId = Runs.start(NEEDS_APPROVAL);
        JsonPath waiting = awaitStatus(runId, "AWAITING_APPROVAL");
        assertThat(waiting.getString("estimate.total")).isNotNull();
        assertThat(models.totalCalls()).isZero();

        given().contentType(ContentType.JSON).body("{\"approve\": true, \"comment\": \"go\"}")
                .when().post("/runs/{id}/approval", runId)
                .then().statusCode(200).body("status", equalTo("RUNNING"));

        assertThat(Runs.awaitEnd(runId).getString("status")).isEqualTo("SUCCEEDED");
        assertThat(models.callCount(CHEAP)).isEqualTo(1);
    }

    @Test
    void aRejectedRunIsCancelledAndNeverCallsAModel() {
        String runId = Runs.start(NEEDS_APPROVAL);
        awaitStatus(runId, "AWAITING_APPROVAL");

        given().contentType(ContentType.JSON).body("{\"approve\": false, \"comment\": \"too expensive\"}")
                .when().post("/runs/{id}/approval", runId)
                .then().statusCode(200).body("status", equalTo("CANCELLED"));

        JsonPath cancelled = awaitStatus(runId, "CANCELLED");
        assertThat(cancelled.getString("statusReason")).isEqualTo("approval rejected: too expensive");
        assertThat(models.totalCalls()).isZero();
    }

    @Test
    void approvingTwiceIsHarmlessButAnApprovalForARunNotWaitingIsAConflict() {
        String runId = Runs.start(NEEDS_APPROVAL);
        awaitStatus(runId, "AWAITING_APPROVAL");
        given().contentType(ContentType.JSON).body("{\"approve\": true}").post("/runs/{id}/approval", runId)
                .then().statusCode(200);
        Runs.awaitEnd(runId);

        given().contentType(ContentType.JSON).body("{\"approve\": true}").post("/runs/{id}/approval", runId)
                .then().statusCode(200).body("status", equalTo("SUCCEEDED"));
        given().contentType(ContentType.JSON).body("{\"approve\": false}").post("/runs/{id}/approval", runId)
                .then().statusCode(409).body("status", equalTo("SUCCEEDED"));
    }

    @Test
    void aBadApprovalIsRefusedNamingTheField() {
        String runId = Runs.start(NEEDS_APPROVAL);
        awaitStatus(runId, "AWAITING_APPROVAL");

        given().contentType(ContentType.JSON).body("{\"approve\": \"yes\"}").post("/runs/{id}/approval", runId)
                .then().statusCode(400).body("details[0].field", equalTo("approve"));
        given().contentType(ContentType.JSON).body("{\"approve\": true}").post("/runs/{id}/approval", "no-such-run")
                .then().statusCode(404);
        given().contentType(ContentType.JSON).body(NEEDS_APPROVAL.replace("\"autoApproveUnder\": 0", "\"autoApproveUnder\": -1"))
                .post("/runs").then().statusCode(400).body("details[0].field", equalTo("autoApproveUnder"));
        assertThat(models.totalCalls()).isZero();
    }

    private static JsonPath awaitStatus(String runId, String status) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonPath run;
        do {
            run = given().get("/runs/{id}", runId).then().statusCode(200).extract().jsonPath();
            if (status.equals(run.getString("status"))) {
                return run;
            }
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("run " + runId + " never reached " + status + "; it is " + run.getString("status"));
    }
}
