package io.escalator.api;

import static io.escalator.api.ScriptedModels.CHEAP;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /analytics and /analytics/recommendations: what finished runs add, and clear errors for bad parameters. */
@QuarkusTest
@WithTestResource(ScriptedModels.class)
class AnalyticsApiTest {

    ScriptedOpenAiServer models;

    @BeforeEach
    void script() {
        models.reset();
        models.script(CHEAP, Reply.text("42"));
    }

    private static JsonPath analytics() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        return given().queryParam("workflow", "prompt").queryParam("until", today)
                .when().get("/analytics")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aFinishedRunAddsItsItemsCostAndTierFigures() {
        JsonPath before = analytics();
        String runId = Runs.start(Runs.promptRun("What is 6 times 7?", "[{\"type\": \"contains\", \"value\": \"42\"}]"));
        BigDecimal runCost = new BigDecimal(Runs.awaitEnd(runId).getString("totalCost"));

        JsonPath after = awaitRuns(before.getLong("runs") + 1);

        assertThat(after.getLong("items") - before.getLong("items")).isEqualTo(1);
        assertThat(after.getLong("resolvedItems") - before.getLong("resolvedItems")).isEqualTo(1);
        assertThat(new BigDecimal(after.getString("totalCost")).subtract(new BigDecimal(before.getString("totalCost"))))
                .isEqualByComparingTo(runCost);
        assertThat(after.getList("tiers.tier", String.class)).contains("cheap");
        assertThat(after.getString("workflow")).isEqualTo("prompt");
        assertThat(after.getList("days.day", String.class)).contains(LocalDate.now(ZoneOffset.UTC).toString());
    }

    /** The run's figures are added just after it ends. */
    private static JsonPath awaitRuns(long runs) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonPath now = analytics();
        while (now.getLong("runs") < runs && Instant.now().isBefore(deadline)) {
            now = analytics();
        }
        assertThat(now.getLong("runs")).isEqualTo(runs);
        return now;
    }

    @Test
    void badParametersGetA400NamingEachOfThem() {
        given().queryParam("workflow", "nope").queryParam("since", "2026-13-01").queryParam("until", "soon")
                .when().get("/analytics")
                .then().statusCode(400)
                .body("details.field", containsInAnyOrder("workflow", "since", "until"));
        given().queryParam("since", "2026-11-21").queryParam("until", "2026-11-20")
                .when().get("/analytics")
                .then().statusCode(400)
                .body("details[0].field", equalTo("since"));
        given().queryParam("workflow", "nope")
                .when().get("/analytics/recommendations")
                .then().statusCode(400)
                .body("details[0].field", equalTo("workflow"));
    }

    @Test
    void recommendationsAreAListEvenWithoutEnoughHistory() {
        given().queryParam("workflow", "test-gen")
                .when().get("/analytics/recommendations")
                .then().statusCode(200)
                .body("recommendations.size()", equalTo(0));
    }
}
