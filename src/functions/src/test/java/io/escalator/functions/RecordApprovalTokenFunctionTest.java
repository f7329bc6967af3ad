package io.escalator.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.escalator.config.EscalatorConfig;
import io.escalator.engine.ApprovalService;
import io.escalator.engine.EstimateStep;
import io.escalator.engine.ResolutionService;
import io.escalator.engine.RunService;
import io.escalator.local.LocalDriver;
import io.escalator.run.Resolution;
import io.escalator.run.RunStatus;
import io.escalator.store.CallbackKind;
import io.escalator.store.RunNotFoundException;
import io.escalator.store.RunStore;
import io.escalator.support.Json;
import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The recordApprovalToken function invoked as the state machine's waitForTaskToken Tasks invoke it. */
@QuarkusTest
@TestProfile(RecordApprovalTokenFunctionTest.Export.class)
@WithTestResource(FunctionsTestEnvironment.class)
class RecordApprovalTokenFunctionTest {

    public static class Export extends ExportedFunction {
        @Override
        protected String function() {
            return "recordApprovalToken";
        }
    }

    StepFunctionsApiStub stepFunctionsApi;
    ScriptedOpenAiServer models;

    @Inject
    RunService runs;
    @Inject
    EstimateStep estimate;
    @Inject
    ApprovalService approvals;
    @Inject
    ResolutionService resolutions;
    @Inject
    LocalDriver localDriver;
    @Inject
    RunStore store;
    @Inject
    DynamoDbClient dynamoDb;
    @Inject
    EscalatorConfig config;

    @Test
    void keepsTheApprovalTokenOnTheRunUntilAPersonDecides() {
        String runId = awaitingApproval();

        MockEventServer.invoke(event(runId, "token-approval-1", "APPROVAL")).then().statusCode(200)
                .body("runId", equalTo(runId))
                .body("kind", equalTo("APPROVAL"));

        assertThat(store.callbackToken(runId, CallbackKind.APPROVAL)).contains("token-approval-1");
        assertThat(stepFunctionsApi.outputSentFor("token-approval-1")).as("nobody decided yet").isEmpty();
    }

    @Test
    void anApprovalGivenBeforeTheTokenArrivesAnswersTheCallbackAtOnce() {
        String runId = awaitingApproval();
        approvals.decide(runId, true, "go ahead");

        MockEventServer.invoke(event(runId, "token-approval-2", "APPROVAL")).then().statusCode(200);

        assertThat(Json.readTree(stepFunctionsApi.outputSentFor("token-approval-2").orElseThrow()))
                .isEqualTo(Json.readTree("{\"runId\": \"" + runId + "\", \"approved\": true}"));
    }

    @Test
    void keepsTheHumanReviewTokenApart() {
        String runId = runs.create(RunRequests.prompt("What is 6 times 7?")).id();

        MockEventServer.invoke(event(runId, "token-human-1", "HUMAN")).then().statusCode(200)
                .body("kind", equalTo("HUMAN"));

        assertThat(store.callbackToken(runId, CallbackKind.HUMAN)).contains("token-human-1");
        assertThat(store.callbackToken(runId, CallbackKind.APPROVAL)).isEmpty();
    }

    @Test
    void aResolutionGivenBeforeTheHumanReviewTokenArrivesAnswersTheCallbackAtOnce() {
        models.reset();
        models.script(FunctionsTestEnvironment.CHEAP, Reply.text("41"));
        models.script(FunctionsTestEnvironment.CAPABLE, Reply.text("43"));
        models.script(FunctionsTestEnvironment.PREMIUM, Reply.text("44"));
        String runId = runs.create(RunRequests.prompt("What is 6 times 7?")).id();
        assertThat(localDriver.drive(runId)).isEqualTo(RunStatus.NEEDS_HUMAN);
        resolutions.resolve(runId, Resolution.Action.ACCEPT_PARTIAL, "good enough");

        MockEventServer.invoke(event(runId, "token-human-2", "HUMAN")).then().statusCode(200);

        assertThat(Json.readTree(stepFunctionsApi.outputSentFor("token-human-2").orElseThrow()))
                .isEqualTo(Json.readTree("{\"runId\": \"" + runId + "\", \"action\": \"accept-partial\"}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"taskToken\": \"t\", \"kind\": \"APPROVAL\"}                | runId: is missing or blank",
            "{\"runId\": \"RUN\", \"kind\": \"APPROVAL\"}                  | taskToken: is missing or blank",
            "{\"runId\": \"RUN\", \"taskToken\": \"\", \"kind\": \"HUMAN\"} | taskToken: is missing or blank",
            "{\"runId\": \"RUN\", \"taskToken\": \"t\", \"kind\": \"MAYBE\"}"
                    + " | kind: must be one of [APPROVAL, HUMAN], was 'MAYBE'",
            "{\"runId\": \"RUN\", \"taskToken\": \"t\"} | kind: must be one of [APPROVAL, HUMAN], was missing"})
    void aMalformedInputIsRefusedNamingTheFieldAndNothingIsStored(String input, String message) {
        String runId = awaitingApproval();
        var before = StoreContents.of(dynamoDb, config.dynamodb().table());

        LambdaError error = LambdaError.of(MockEventServer.invoke(input.replace("RUN", runId)));

        assertThat(error.functionErrorType()).isEqualTo(InvalidStepInputException.class.getName());
        assertThat(error.functionErrorMessage()).isEqualTo(message);
        assertThat(StoreContents.of(dynamoDb, config.dynamodb().table())).isEqualTo(before);
    }

    @Test
    void aTokenForAnUnknownRunIsReportedAsNotFound() {
        LambdaError error = LambdaError.of(MockEventServer.invoke(event("no-such-run", "token-3", "APPROVAL")));

        assertThat(error.functionErrorType()).isEqualTo(RunNotFoundException.class.getName());
    }

    private String awaitingApproval() {
        String runId = runs.create(RunRequests.needingApproval("What is 6 times 7?")).id();
        assertThat(estimate.estimate(runId).approvalRequired()).isTrue();
        return runId;
    }

    private static String event(String runId, String taskToken, String kind) {
        return "{\"runId\": \"%s\", \"taskToken\": \"%s\", \"kind\": \"%s\"}".formatted(runId, taskToken, kind);
    }
}
