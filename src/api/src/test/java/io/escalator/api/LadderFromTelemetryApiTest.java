package io.escalator.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalator.ladder.AgentMode;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.RunningLadderText;
import io.escalator.ladder.Tier;
import io.escalator.support.Json;
import io.escalator.store.TelemetryStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** GET /analytics/ladder: a ladder suggested from the stack's own telemetry, as a file to deploy. */
@QuarkusTest
@TestProfile(LadderFromTelemetryStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LadderFromTelemetryApiTest {

    @Inject
    TelemetryStore telemetry;

    /** Every workflow's. */
    private static JsonPath ladder() {
        return given().queryParam("days", 30)
                .when().get("/analytics/ladder")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    @Order(1)
    void withoutEnoughHistoryTheAnswerIsA200ThatSaysHowManyItemsThereAreAndAreNeeded() {
        given().queryParam("workflow", "test-gen")
                .when().get("/analytics/ladder")
                .then().statusCode(200)
                .body("status", equalTo("INSUFFICIENT_HISTORY"))
                .body("message", equalTo("Not enough history for a ladder suggestion: 0 usable items on the current"
                        + " ladder in the last 30 days, 100 needed."))
                .body("basis.items", equalTo(0))
                .body("basis.minItems", equalTo(100))
                .body("basis.assumption", containsString("assumed to solve it too"))
                .body("ladderFile", nullValue())
                .body("suggested", nullValue());
    }

    @Test
    @Order(2)
    void aMiddleTierThatNeverSolvesAnythingIsDroppedFromTheDeployableLadderFile() {
        LadderHistory.write(telemetry);

        JsonNode answer = Json.readTree(given().queryParam("workflow", "prompt").queryParam("days", 30)
                .when().get("/analytics/ladder")
                .then().statusCode(200).extract().asString());

        assertThat(answer.path("status").asText()).isEqualTo("SUGGESTED");
        assertThat(answer.path("workflow").asText()).isEqualTo("prompt");
        assertThat(answer.path("basis").path("items").asInt()).isGreaterThanOrEqualTo(100);
        assertThat(answer.path("basis").path("days").asInt()).isEqualTo(30);
        assertThat(answer.path("basis").path("tiers").findValuesAsText("tier")).containsExactly("cheap", "capable", "premium");
        assertThat(answer.path("current").path("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(answer.path("current").path("costPerItem").decimalValue()).isEqualByComparingTo("0.0574");
        assertThat(answer.path("suggested").path("tiers").findValuesAsText("tier")).containsExactly("cheap", "premium");
        assertThat(answer.path("suggested").path("costPerItem").decimalValue()).isEqualByComparingTo("0.0494");
        assertThat(answer.path("suggested").path("savingsPercent").asDouble()).isEqualTo(13.94);
        assertThat(answer.path("notes").isEmpty()).isTrue();
        assertThat(answer.toString()).doesNotContain("sk-test-written-into-the-file");

        JsonNode file = answer.path("ladderFile");
        assertThat(file.path("tiers").findValuesAsText("name")).containsExactly("cheap", "premium");
        assertThat(file.path("tiers").get(1).path("apiKeyEnv").asText()).isEqualTo("PATH");
        Ladder deployable = RunningLadderText.withoutKeys().parse(file.toString(), "the answer's ladderFile");
        assertThat(deployable.tier(0).baseUrl().toString()).startsWith("http://127.0.0.1:");
        assertThat(deployable.tier(0).prices().inputPerMillion()).isEqualByComparingTo("0.15");
        assertThat(deployable.tier(0).prices().outputPerMillion()).isEqualByComparingTo("0.60");
        assertThat(deployable.tiers()).extracting(Tier::model, Tier::minAttempts, Tier::maxAttempts, Tier::mode)
                .containsExactly(tuple("cheap-model", 2, 3, AgentMode.SIMPLE), tuple("premium-model", 1, 1, AgentMode.FULL));
    }

    @Test
    @Order(3)
    void badParametersGetA400NamingEachOfThem() {
        given().queryParam("workflow", "nope").queryParam("days", "0")
                .when().get("/analytics/ladder")
                .then().statusCode(400)
                .body("error", containsString("invalid request"))
                .body("details.field", containsInAnyOrder("workflow", "days"));
        given().queryParam("days", "a week")
                .when().get("/analytics/ladder")
                .then().statusCode(400)
                .body("details[0].field", equalTo("days"))
                .body("details[0].message", equalTo("must be a whole number of days from 1 to 90 (telemetry is kept 90"
                        + " days), was 'a week'"));
    }

    @Test
    @Order(4)
    void aLadderFileEditedAfterStartUpIsAConflictRatherThanASuggestionForAnotherLadder() throws Exception {
        String original = Files.readString(LadderFromTelemetryStack.LADDER_FILE);
        try {
            Files.writeString(LadderFromTelemetryStack.LADDER_FILE, original.replace("0.15", "0.25"));

            given().queryParam("workflow", "prompt")
                    .when().get("/analytics/ladder")
                    .then().statusCode(409)
                    .body("error", containsString("changed since the stack started"))
                    .body("error", not(containsString("sk-test")));
        } finally {
            Files.writeString(LadderFromTelemetryStack.LADDER_FILE, original);
        }
    }

    @Test
    @Order(5)
    void theTelemetryOfARealRunIsOneMoreItem() {
        JsonPath before = ladder();
        String runId = Runs.start(Runs.promptRun("What is 6 times 7?", "[{\"type\":\"equals\",\"value\":\"42\"}]"));
        assertThat(Runs.awaitEnd(runId).getString("status")).isEqualTo("NEEDS_HUMAN");

        JsonPath after = ladder();

        // every tier failed it: cheap twice, capable twice, premium once (its analyzer, then its generator)
        assertThat(after.getInt("basis.items")).isEqualTo(before.getInt("basis.items") + 1);
        assertThat(after.getInt("basis.runs")).isEqualTo(before.getInt("basis.runs") + 1);
        assertThat(after.getInt("basis.callsRead")).isEqualTo(before.getInt("basis.callsRead") + 6);
        List<Integer> reachedBefore = before.getList("basis.tiers.itemsReached");
        assertThat(after.getList("basis.tiers.itemsReached", Integer.class)).containsExactly(reachedBefore.get(0) + 1,
                reachedBefore.get(1) + 1, reachedBefore.get(2) + 1);
        assertThat(after.getDouble("current.accuracy")).isLessThan(1.0);
    }
}
