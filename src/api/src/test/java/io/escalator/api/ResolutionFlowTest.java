package io.escalator.api;

import static io.escalator.api.ScriptedModels.CAPABLE;
import static io.escalator.api.ScriptedModels.CHEAP;
import static io.escalator.api.ScriptedModels.PREMIUM;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A run the top tier could not finish waits for a person, who accepts, retries or aborts through the API. */
@QuarkusTest
@WithTestResource(ScriptedModels.class)
class ResolutionFlowTest {

    private static final String RUN = Runs.promptRun("What is 6 times 7?", "[{\"type\":\"equals\",\"value\":\"42\"}]");

    ScriptedOpenAiServer models;
    private final AtomicBoolean premiumKnows = new AtomicBoolean();

    @BeforeEach
    void everyTierWrong() {
        models.reset();
        premiumKnows.set(false);
        models.script(CHEAP, Reply.text("41"));
        models.script(CAPABLE, Reply.text("43"));
        models.script(PREMIUM, request -> request.messages().getFirst().content().contains("reviewer")
                ? Reply.text("{\"confidence\": " + (premiumKnows.get() ? 0.9 : 0.1) + "}")
                : Reply.text(premiumKnows.get() ? "42" : "44"));
    }

    private String runNeedingAHuman() {
        String runId = Runs.start(RUN);
        assertThat(Runs.awaitEnd(runId).getString("status")).isEqualTo("NEEDS_HUMAN");
        return runId;
    }

    @Test
    void theReportOffersTheOptionsAndARetryOnTheTopTierCanSucceed() {
        String runId = runNeedingAHuman();
        assertThat(given().get("/runs/{id}/report", runId).asString()).contains("OPTIONS", "retry-top-tier");
        premiumKnows.set(true);

        given().contentType(ContentType.JSON).body("{\"action\": \"retry-top-tier\", \"comment\": \"have another go\"}")
                .when().post("/runs/{id}/resolution", runId)
                .then().statusCode(200).body("status", equalTo("RUNNING")).body("action", equalTo("retry-top-tier"));

        JsonPath run = Runs.awaitEnd(runId);
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getList("attempts.tier")).containsExactly("cheap", "cheap", "capable", "capable", "premium", "premium");
        assertThat(run.getString("resolution.action")).isEqualTo("retry-top-tier");
    }

    @Test
    void acceptingThePartialResultOrAbortingEndsTheRun() {
        String accepted = runNeedingAHuman();
        given().contentType(ContentType.JSON).body("{\"action\": \"accept-partial\"}")
                .post("/runs/{id}/resolution", accepted).then().statusCode(200).body("status", equalTo("NEEDS_HUMAN"));
        assertThat(given().get("/runs/{id}", accepted).jsonPath().getString("resolution.action")).isEqualTo("accept-partial");

        String aborted = runNeedingAHuman();
        given().contentType(ContentType.JSON).body("{\"action\": \"abort\", \"comment\": \"not needed\"}")
                .post("/runs/{id}/resolution", aborted).then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertThat(given().get("/runs/{id}", aborted).jsonPath().getString("statusReason"))
                .isEqualTo("aborted by a person: not needed");
    }

    @Test
    void aResolutionForARunThatDoesNotNeedOneIsAConflictAndABadOneIsRefused() {
        models.script(CHEAP, Reply.text("42"));
        String runId = Runs.start(RUN);
        Runs.awaitEnd(runId);

        given().contentType(ContentType.JSON).body("{\"action\": \"abort\"}").post("/runs/{id}/resolution", runId)
                .then().statusCode(409).body("status", equalTo("SUCCEEDED"));
        given().contentType(ContentType.JSON).body("{\"action\": \"shrug\"}").post("/runs/{id}/resolution", runId)
                .then().statusCode(400).body("details[0].field", equalTo("action"));
        given().contentType(ContentType.JSON).body("{\"action\": \"abort\"}").post("/runs/{id}/resolution", "no-such-run")
                .then().statusCode(404);
    }
}
