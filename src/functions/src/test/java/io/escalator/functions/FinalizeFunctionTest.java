package io.escalator.functions;

import static io.escalator.functions.FunctionsTestEnvironment.CHEAP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.escalator.config.EscalatorConfig;
import io.escalator.engine.DecideStep;
import io.escalator.engine.EstimateStep;
import io.escalator.engine.ExecuteTierStep;
import io.escalator.engine.RunService;
import io.escalator.run.Item;
import io.escalator.run.ItemStatus;
import io.escalator.run.Run;
import io.escalator.store.RunStore;
import io.escalator.support.Json;
import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The finalize function invoked as Lambda invokes it, with the whole state the state machine passes it. */
@QuarkusTest
@TestProfile(FinalizeFunctionTest.Export.class)
@WithTestResource(FunctionsTestEnvironment.class)
class FinalizeFunctionTest {

    public static class Export extends ExportedFunction {
        @Override
        protected String function() {
            return "finalize";
        }
    }

    /** What Step Functions puts at $.error when it catches a Java Lambda function's exception. */
    private static final String CAUGHT_LAMBDA_ERROR = Json.write(Map.of(
            "Error", "java.lang.IllegalStateException",
            "Cause", Json.write(Map.of(
                    "errorMessage", "the ladder exploded\nsecond line",
                    "errorType", "java.lang.IllegalStateException",
                    "stackTrace", List.of("io.escalator.engine.ExecuteTierStep.execute(ExecuteTierStep.java:80)")))));

    ScriptedOpenAiServer models;

    @Inject
    RunService runs;
    @Inject
    EstimateStep estimate;
    @Inject
    ExecuteTierStep executeTier;
    @Inject
    DecideStep decide;
    @Inject
    RunStore store;
    @Inject
    DynamoDbClient dynamoDb;
    @Inject
    EscalatorConfig config;

    @Test
    void endsARunThatRanItsCourseIgnoringTheRestOfTheState() {
        models.script(CHEAP, Reply.text("42"));
        String runId = runs.create(RunRequests.prompt("What is 6 times 7?")).id();
        estimate.estimate(runId);
        executeTier.execute(runId);
        decide.decide(runId);

        MockEventServer.invoke("""
                        {"runId": "%s", "approvalRequired": false, "approvalTimeoutSeconds": 86400,
                         "estimatedCost": 0.0027, "decision": {"next": "FINALIZE"}}""".formatted(runId))
                .then().statusCode(200)
                .body("runId", equalTo(runId))
                .body("status", equalTo("SUCCEEDED"))
                .body("humanReviewTimeoutSeconds", equalTo((int) config.stepFunctions().humanReviewTimeout().toSeconds()));

        Run finished = store.findRun(runId).orElseThrow();
        assertThat(finished.status()).hasToString("SUCCEEDED");
        assertThat(finished.totals()).isNotNull();
    }

    @Test
    void aCaughtErrorClosesTheRunFailedWithOneReadableLineAsTheReason() {
        String runId = runs.create(RunRequests.prompt("What is 6 times 7?")).id();

        MockEventServer.invoke(stateWithError(runId, CAUGHT_LAMBDA_ERROR)).then().statusCode(200)
                .body("status", equalTo("FAILED"));

        Run failed = store.findRun(runId).orElseThrow();
        assertThat(failed.statusReason()).isEqualTo("java.lang.IllegalStateException: the ladder exploded");
        assertThat(store.load(runId).items()).extracting(Item::status).containsExactly(ItemStatus.FAILED);
    }

    @Test
    void anApprovalThatTimedOutCancelsTheRun() {
        String runId = runs.create(RunRequests.needingApproval("What is 6 times 7?")).id();
        estimate.estimate(runId);

        MockEventServer.invoke(stateWithError(runId, "{\"Error\": \"States.Timeout\", \"Cause\": null}")).then()
                .statusCode(200).body("status", equalTo("CANCELLED"));

        assertThat(store.findRun(runId).orElseThrow().statusReason()).isEqualTo("approval was not given: States.Timeout");
    }

    @Test
    void finalizingAgainChangesNothing() {
        String runId = runs.create(RunRequests.prompt("What is 6 times 7?")).id();
        String state = stateWithError(runId, CAUGHT_LAMBDA_ERROR);
        MockEventServer.invoke(state).then().statusCode(200).body("status", equalTo("FAILED"));
        var afterFirst = StoreContents.of(dynamoDb, config.dynamodb().table());

        MockEventServer.invoke(state).then().statusCode(200).body("status", equalTo("FAILED"));

        assertThat(StoreContents.of(dynamoDb, config.dynamodb().table())).isEqualTo(afterFirst);
    }

    @Test
    void aBlankRunIdIsRefusedAndNothingIsWritten() {
        runs.create(RunRequests.prompt("What is 6 times 7?"));
        var before = StoreContents.of(dynamoDb, config.dynamodb().table());

        LambdaError error = LambdaError.of(MockEventServer.invoke(stateWithError(" ", CAUGHT_LAMBDA_ERROR)));

        assertThat(error.functionErrorType()).isEqualTo(InvalidStepInputException.class.getName());
        assertThat(error.functionErrorMessage()).isEqualTo("runId: is missing or blank");
        assertThat(StoreContents.of(dynamoDb, config.dynamodb().table())).isEqualTo(before);
    }

    private static String stateWithError(String runId, String error) {
        return Json.write(Map.of("runId", runId, "decision", Map.of("next", "EXECUTE"), "error", Json.readTree(error)));
    }
}
