package io.escalator.api;

import static io.escalator.api.ScriptedModels.CHEAP;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /jobs/cleanup: the retention job on an operator's demand. */
@QuarkusTest
@WithTestResource(ScriptedModels.class)
class JobsApiTest {

    ScriptedOpenAiServer models;

    @BeforeEach
    void script() {
        models.reset();
        models.script(CHEAP, Reply.text("42"));
    }

    @Test
    void aCleanupWithALongRetentionDeletesNothingAndSaysWhatItDid() {
        given().contentType(ContentType.JSON).body("{\"olderThanDays\": 36500, \"telemetryOlderThanDays\": 36500}")
                .when().post("/jobs/cleanup")
                .then().statusCode(200)
                .body("deletedRuns", equalTo(0))
                .body("deletedTelemetry", equalTo(0))
                .body("cancelledApprovals", greaterThanOrEqualTo(0));
    }

    @Test
    void aCleanupOfEverythingFinishedDeletesTheRun() throws InterruptedException {
        String runId = Runs.start(Runs.promptRun("What is 6 times 7?", "[{\"type\": \"contains\", \"value\": \"42\"}]"));
        Runs.awaitEnd(runId);
        Thread.sleep(5); // created strictly before the cutoff of "0 days ago"

        given().contentType(ContentType.JSON).body("{\"olderThanDays\": 0}")
                .when().post("/jobs/cleanup")
                .then().statusCode(200)
                .body("deletedRuns", greaterThanOrEqualTo(1));
        given().when().get("/runs/{id}", runId).then().statusCode(404);
    }

    @Test
    void negativeOrNonNumericDaysAndUnknownFieldsGetA400NamingThem() {
        given().contentType(ContentType.JSON).body("{\"olderThanDays\": -1, \"telemetryOlderThanDays\": \"ninety\", \"days\": 3}")
                .when().post("/jobs/cleanup")
                .then().statusCode(400)
                .body("details.field", org.hamcrest.Matchers.containsInAnyOrder("olderThanDays",
                        "telemetryOlderThanDays", "days"));
        given().contentType(ContentType.JSON).body("[30]")
                .when().post("/jobs/cleanup")
                .then().statusCode(400)
                .body("details[0].field", equalTo("body"));
    }
}
