package io.escalator.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.escalator.config.EscalatorConfig;
import io.escalator.engine.RunService;
import io.escalator.run.RunStatus;
import io.escalator.store.RunNotFoundException;
import io.escalator.store.RunStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The estimate function invoked as Lambda invokes it, with the input the state machine sends. The tests' default
 * application exports estimate (application.properties), so, unlike the other functions, it needs no test profile and
 * the application is shared with the state machine test.
 */
@QuarkusTest
@WithTestResource(FunctionsTestEnvironment.class)
class EstimateFunctionTest {

    @Inject
    RunService runs;
    @Inject
    RunStore store;
    @Inject
    DynamoDbClient dynamoDb;
    @Inject
    EscalatorConfig config;

    @Test
    void estimatesARunBelowItsApprovalLineAndLetsItGoOn() {
        String runId = runs.create(RunRequests.prompt("What is 6 times 7?")).id();

        MockEventServer.invoke("{\"runId\": \"" + runId + "\"}").then().statusCode(200)
                .body("runId", equalTo(runId))
                .body("approvalRequired", equalTo(false))
                .body("approvalTimeoutSeconds", equalTo((int) config.approval().deadline().toSeconds()))
                .body("estimatedCost", greaterThan(0f));

        assertThat(store.findRun(runId).orElseThrow().estimateJson()).isNotNull();
        assertThat(store.findRun(runId).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void aRunAboveItsApprovalLineStartsWaitingForApproval() {
        String runId = runs.create(RunRequests.needingApproval("What is 6 times 7?")).id();

        MockEventServer.invoke("{\"runId\": \"" + runId + "\"}").then().statusCode(200)
                .body("approvalRequired", equalTo(true));

        assertThat(store.findRun(runId).orElseThrow().status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"runId\": \"\"}", "{\"runId\": \"  \"}", "{\"runId\": null}", "{\"run\": \"x\"}"})
    void aMissingOrBlankRunIdIsRefusedNamingTheFieldAndNothingIsWritten(String input) {
        runs.create(RunRequests.prompt("What is 6 times 7?"));
        var before = StoreContents.of(dynamoDb, config.dynamodb().table());

        LambdaError error = LambdaError.of(MockEventServer.invoke(input));

        assertThat(error.functionErrorType()).isEqualTo(InvalidStepInputException.class.getName());
        assertThat(error.functionErrorMessage()).isEqualTo("runId: is missing or blank");
        assertThat(StoreContents.of(dynamoDb, config.dynamodb().table())).isEqualTo(before);
    }

    @Test
    void noInputAtAllIsRefused() {
        LambdaError error = LambdaError.of(MockEventServer.invoke("null"));

        assertThat(error.functionErrorType()).isEqualTo(InvalidStepInputException.class.getName());
        assertThat(error.functionErrorMessage()).isEqualTo("input: is missing: expected a JSON object");
    }

    @Test
    void anUnknownRunIsReportedAsNotFound() {
        LambdaError error = LambdaError.of(MockEventServer.invoke("{\"runId\": \"no-such-run\"}"));

        assertThat(error.functionErrorType()).isEqualTo(RunNotFoundException.class.getName());
        assertThat(error.functionErrorMessage()).isEqualTo("no run with id no-such-run");
    }
}
