package io.escalator.api.lambda;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.testing.StepFunctionsStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API as deployed to Lambda: a new run starts a Step Functions execution instead of the local driver. */
@QuarkusTest
@WithTestResource(AwsServices.class)
class RunsOnStepFunctionsTest {

    StepFunctionsStandIn stepFunctions;

    @Test
    void aNewRunIsStoredAndStartsAnExecutionNamedAfterIt() {
        String runId = given().contentType(ContentType.JSON)
                .body("{\"workflow\":\"prompt\",\"objective\":\"Say yes\",\"gates\":[{\"type\":\"contains\",\"value\":\"yes\"}]}")
                .when().post("/runs")
                .then().statusCode(202).extract().path("runId");

        List<StepFunctionsStandIn.Call> starts = stepFunctions.calls("StartExecution");
        assertThat(starts).extracting(call -> call.body().path("name").asText()).contains(runId);
        StepFunctionsStandIn.Call start = starts.stream()
                .filter(call -> call.body().path("name").asText().equals(runId)).findFirst().orElseThrow();
        assertThat(start.body().path("stateMachineArn").asText()).isEqualTo(AwsServices.STATE_MACHINE);
        assertThat(start.body().path("input").asText()).isEqualTo("{\"runId\":\"" + runId + "\"}");
        // nothing drives the run in process: it waits for the state machine's first step
        given().when().get("/runs/{id}", runId).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("RUNNING"))
                .body("estimate", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aBadRequestIsStillA400ThroughTheLambdaAdapterAndStartsNothing() {
        int startsBefore = stepFunctions.calls("StartExecution").size();

        given().contentType(ContentType.JSON).body("{\"workflow\":\"poetry\"}")
                .when().post("/runs")
                .then().statusCode(400).body("details.field", org.hamcrest.Matchers.hasItem("workflow"));
        assertThat(stepFunctions.calls("StartExecution")).hasSize(startsBefore);
    }
}
