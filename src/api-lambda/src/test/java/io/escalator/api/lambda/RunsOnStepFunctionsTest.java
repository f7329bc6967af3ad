package io.escalator.api.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.testing.StepFunctionsStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API as deployed to Lambda: a new run starts a Step Functions execution instead of the local driver. */
@QuarkusTest
@WithTestResource(AwsServices.class)
class RunsOnStepFunctionsTest {

    private static final String CALLER = HttpApiRequests.user("alice");

    StepFunctionsStandIn stepFunctions;

    @Test
    void aNewRunIsStoredAndStartsAnExecutionNamedAfterIt() {
        HttpApiRequests.Answer started = HttpApiRequests.post(CALLER, "/runs",
                "{\"workflow\":\"prompt\",\"objective\":\"Say yes\",\"gates\":[{\"type\":\"contains\",\"value\":\"yes\"}]}");
        assertThat(started.status()).isEqualTo(202);
        String runId = started.json().path("runId").asText();

        List<StepFunctionsStandIn.Call> starts = stepFunctions.calls("StartExecution");
        assertThat(starts).extracting(call -> call.body().path("name").asText()).contains(runId);
        StepFunctionsStandIn.Call start = starts.stream()
                .filter(call -> call.body().path("name").asText().equals(runId)).findFirst().orElseThrow();
        assertThat(start.body().path("stateMachineArn").asText()).isEqualTo(AwsServices.STATE_MACHINE);
        assertThat(start.body().path("input").asText()).isEqualTo("{\"runId\":\"" + runId + "\"}");
        // nothing drives the run in process: it waits for the state machine's first step
        HttpApiRequests.Answer run = HttpApiRequests.get(CALLER, "/runs/" + runId);
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.json().path("status").asText()).isEqualTo("RUNNING");
        assertThat(run.json().path("estimate").isNull()).isTrue();
    }

    @Test
    void aBadRequestIsStillA400ThroughTheLambdaAdapterAndStartsNothing() {
        int startsBefore = stepFunctions.calls("StartExecution").size();

        HttpApiRequests.Answer refused = HttpApiRequests.post(CALLER, "/runs", "{\"workflow\":\"poetry\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("details").findValuesAsText("field")).contains("workflow");
        assertThat(stepFunctions.calls("StartExecution")).hasSize(startsBefore);
    }
}
