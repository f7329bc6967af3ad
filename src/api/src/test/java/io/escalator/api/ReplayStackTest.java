package io.escalator.api;

import static io.escalator.api.RecordedDatasetStack.BIG;
import static io.escalator.api.RecordedDatasetStack.CAPITAL;
import static io.escalator.api.RecordedDatasetStack.SIX_TIMES_SEVEN;
import static io.escalator.api.RecordedDatasetStack.SMALL;
import static io.escalator.api.RecordedDatasetStack.TWO_PLUS_TWO;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.escalator.support.Json;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The local stack replaying recorded answers: a run posted with items that are recorded prompts climbs a ladder of
 * replay tiers, each answer the recorded one at its recorded cost, judged by the recorded-label gate.
 */
@QuarkusTest
@TestProfile(RecordedDatasetStack.class)
class ReplayStackTest {

    private static String request(String gates) {
        return Json.write(Map.of(
                "workflow", "prompt",
                "objective", "Answer the question.",
                "items", List.of(Map.of("id", "product", "input", SIX_TIMES_SEVEN), Map.of("id", "sum", "input", TWO_PLUS_TWO),
                        Map.of("id", "capital", "input", CAPITAL)),
                "gates", Json.readTree(gates)));
    }

    @Test
    void aRunOnReplayTiersAnswersAndCostsAsRecordedAndTheReportShowsIt() {
        String runId = Runs.start(request("[{\"type\": \"recorded-label\", \"errorRate\": 0}]"));
        JsonPath run = Runs.awaitEnd(runId);

        assertThat(run.getString("status")).isEqualTo("NEEDS_HUMAN");
        assertThat(run.getList("items.id")).containsExactlyInAnyOrder("product", "sum", "capital");
        assertThat(run.getString("items.find { it.id == 'product' }.status")).isEqualTo("SUCCEEDED");
        assertThat(run.getString("items.find { it.id == 'sum' }.status")).isEqualTo("SUCCEEDED");
        assertThat(run.getString("items.find { it.id == 'capital' }.status")).isEqualTo("NEEDS_HUMAN");
        assertThat(run.getList("attempts.findAll { it.item == 'product' }.model")).containsExactly(SMALL, BIG);
        assertThat(run.getList("attempts.findAll { it.item == 'product' }.output")).containsExactly("41", "42");
        assertThat(run.getString("attempts.find { it.item == 'product' }.gates[0].message"))
                .isEqualTo("recorded score 0");
        assertThat(cost(run, "attempts.find { it.item == 'sum' }.cost")).isEqualByComparingTo("0.000011");
        // product: 0.000012 + 0.0032; sum: 0.000011; capital: 0.000013 + 0.0033
        assertThat(cost(run, "totalCost")).isEqualByComparingTo("0.006536");
        // all on big: its recorded costs of the three items, 0.0032 + 0.0031 + 0.0033 (one top-tier attempt each)
        assertThat(cost(run, "allTopTierCost")).isEqualByComparingTo("0.0096");
        // (0.0096 - 0.006536) / 0.0096
        assertThat(run.getDouble("savingsPercent")).isEqualTo(31.9);

        JsonPath report = given().accept("application/json").when().get("/runs/{id}/report", runId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getInt("tiers[0].itemsReached")).isEqualTo(3);
        assertThat(report.getInt("tiers[0].succeeded")).isEqualTo(1);
        assertThat(report.getInt("tiers[1].itemsReached")).isEqualTo(2);
        assertThat(report.getInt("tiers[1].succeeded")).isEqualTo(1);
        assertThat(report.getInt("finalResults.needsHuman")).isEqualTo(1);
        assertThat(cost(report, "costAnalysis.totalCost")).isEqualByComparingTo("0.006536");
        assertThat(cost(report, "costAnalysis.allTopTierCost")).isEqualByComparingTo("0.0096");
    }

    @Test
    void anImperfectGateFlipsSomeVerdictsAndSaysSo() {
        JsonPath run = Runs.awaitEnd(Runs.start(request("[{\"type\": \"recorded-label\", \"errorRate\": 1}]")));

        // every verdict flipped: wrong answers pass at once, right ones fail up to the top tier's limit
        assertThat(run.getString("items.find { it.id == 'product' }.status")).isEqualTo("SUCCEEDED");
        assertThat(run.getList("attempts.findAll { it.item == 'product' }.model")).containsExactly(SMALL);
        assertThat(run.getString("items.find { it.id == 'sum' }.status")).isEqualTo("NEEDS_HUMAN");
        assertThat(run.getList("attempts.gates.flatten().message", String.class))
                .allSatisfy(message -> assertThat(message).endsWith(", verdict flipped (gate error)"));
    }

    @Test
    void aRecordedLabelGatesErrorRateIsCheckedWithTheRequest() {
        given().contentType(ContentType.JSON).body(request("[{\"type\": \"recorded-label\", \"errorRate\": 1.5}]"))
                .when().post("/runs")
                .then().statusCode(400)
                .body("details[0].field", equalTo("gates[0].errorRate"))
                .body("details[0].message", equalTo("must be a number from 0 to 1 (the share of verdicts the gate gets"
                        + " wrong), was 1.5"));
    }

    private static BigDecimal cost(JsonPath json, String path) {
        return new BigDecimal(json.getString(path));
    }
}
