package io.escalator.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Estimates and dry runs: what a run would cost and do, with nothing stored and no model called. */
@QuarkusTest
@WithTestResource(ScriptedModels.class)
class EstimateApiTest {

    private static final String RUN = """
            {"workflow": "prompt", "objective": "Answer with the number only.",
             "items": [{"id": "a", "input": "17 * 3"}, {"id": "b", "input": "2 ** 10"}],
             "gates": [{"type": "regex", "pattern": "^\\\\d+$"}], "budget": {"maxCost": 0.5}, "autoApproveUnder": 0.25}""";

    ScriptedOpenAiServer models;

    @Test
    void anEstimateShowsEachTiersShareAndCostWithWhereTheNumbersCameFrom() {
        int runsBefore = runCount();
        models.reset();

        JsonPath estimate = given().contentType(ContentType.JSON).body(RUN)
                .when().post("/estimate")
                .then().statusCode(200).extract().jsonPath();

        assertThat(estimate.getList("estimate.tiers.tier")).containsExactly("cheap", "capable", "premium");
        // the probabilities are the defaults or learned from the runs other tests made here: the core's estimator
        // tests check both against hand-computed figures; here, each tier's items are the two items x its probability
        var probabilities = estimate.getList("estimate.tiers.probability", Double.class);
        var items = estimate.getList("estimate.tiers.items", Double.class);
        assertThat(probabilities.getFirst()).isEqualTo(1.0);
        for (int tier = 0; tier < 3; tier++) {
            assertThat(items.get(tier)).isCloseTo(2 * probabilities.get(tier), org.assertj.core.data.Offset.offset(1e-6));
        }
        // the cheap tier is free
        assertThat(new BigDecimal(estimate.getString("estimate.tiers[0].estimatedCost"))).isZero();
        BigDecimal total = new BigDecimal(estimate.getString("estimate.total"));
        BigDecimal tiers = estimate.getList("estimate.tiers.estimatedCost", String.class).stream()
                .map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(total).isEqualByComparingTo(tiers);
        assertThat(new BigDecimal(estimate.getString("estimate.allTopTierCost"))).isPositive();
        assertThat(estimate.getList("estimate.basis", String.class))
                .anySatisfy(line -> assertThat(line).containsAnyOf("defaults", "learned from"))
                .anySatisfy(line -> assertThat(line).contains("o200k_base tokenizer"));
        assertThat(estimate.getBoolean("approvalRequired")).isEqualTo(total.compareTo(new BigDecimal("0.25")) > 0);
        assertThat(runCount()).isEqualTo(runsBefore);
        assertThat(models.totalCalls()).isZero();
    }

    @Test
    void aDryRunReturnsTheEstimateAndTheEscalationPlanWithoutStartingARun() {
        int runsBefore = runCount();
        models.reset();

        given().contentType(ContentType.JSON).body(RUN.replace("\"autoApproveUnder\": 0.25", "\"autoApproveUnder\": 0.25, \"dryRun\": true"))
                .when().post("/runs")
                .then().statusCode(200)
                .body("dryRun", equalTo(true))
                .body("plan.tiers.tier", hasItem("capable"))
                .body("plan.tiers[0].minAttempts", equalTo(2))
                .body("plan.tiers[1].maxAttempts", equalTo(6))
                .body("plan.tiers[2].mode", equalTo("full"))
                .body("plan.tiers[0].thresholds.minCqs", equalTo(70.0f))
                .body("plan.budget.maxCost", equalTo(0.5f));

        assertThat(runCount()).isEqualTo(runsBefore);
        assertThat(models.totalCalls()).isZero();
    }

    @Test
    void aBadEstimateRequestIsRefusedLikeABadRun() {
        given().contentType(ContentType.JSON).body("{\"workflow\": \"prompt\", \"dryRun\": \"yes\"}")
                .when().post("/estimate")
                .then().statusCode(400).body("details.field", hasItem("objective")).body("details.field", hasItem("dryRun"));
    }

    private static int runCount() {
        return given().get("/runs?limit=100").then().statusCode(200).extract().jsonPath().getList("runs").size();
    }
}
