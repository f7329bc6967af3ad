package io.escalator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.policy.BudgetLimits;
import io.escalator.run.Approval;
import io.escalator.run.PendingApproval;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.store.CallbackKind;
import io.escalator.store.EscalatorTable;
import io.escalator.store.RunStore;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testing.StepFunctionsStandIn;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Starting executions and answering approval callbacks, against a stand-in for the Step Functions API. */
@ExtendWith(DynamoDbLocalExtension.class)
class StepFunctionsOrchestrationTest {

    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:escalation";
    private static final Instant T0 = Instant.parse("2100-03-01T10:00:00Z");

    private StepFunctionsStandIn stepFunctions;
    private RunStore store;
    private StepFunctionsOrchestrator orchestrator;
    private StepFunctionsCallbacks callbacks;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        String table = dynamoDb.uniqueTableName("runs");
        EscalatorTable.createIfMissing(dynamoDb.client(), table);
        store = new RunStore(dynamoDb.client(), table, Duration.ofDays(30));
        stepFunctions = StepFunctionsStandIn.start();
        SfnClient sfn = SfnClient.builder()
                .endpointOverride(stepFunctions.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        callbacks = new StepFunctionsCallbacks(sfn, store);
        orchestrator = new StepFunctionsOrchestrator(sfn, callbacks, MACHINE);
    }

    @AfterEach
    void stop() {
        stepFunctions.close();
    }

    @Test
    void aRunStartsAnExecutionNamedAfterItWithOnlyItsIdAsInput() {
        orchestrator.start("run-1");

        List<StepFunctionsStandIn.Call> starts = stepFunctions.calls("StartExecution");
        assertThat(starts).hasSize(1);
        assertThat(starts.getFirst().body().path("stateMachineArn").asText()).isEqualTo(MACHINE);
        assertThat(starts.getFirst().body().path("name").asText()).isEqualTo("run-1");
        assertThat(starts.getFirst().body().path("input").asText()).isEqualTo("{\"runId\":\"run-1\"}");
    }

    @Test
    void startingARunWhoseExecutionExistsIsHarmless() {
        stepFunctions.fail("StartExecution", "ExecutionAlreadyExists");

        orchestrator.start("run-1");

        assertThat(stepFunctions.calls("StartExecution")).hasSize(1);
    }

    @Test
    void aDecisionAfterTheTokenAnswersTheCallbackWithIt() {
        waitingRun("run-1");
        callbacks.tokenIssued("run-1", CallbackKind.APPROVAL, "token-1");
        assertThat(stepFunctions.calls("SendTaskSuccess")).isEmpty();

        store.decideApproval("run-1", true, "ok", null, T0);
        orchestrator.approvalDecided("run-1", true);

        List<StepFunctionsStandIn.Call> answers = stepFunctions.calls("SendTaskSuccess");
        assertThat(answers).hasSize(1);
        assertThat(answers.getFirst().body().path("taskToken").asText()).isEqualTo("token-1");
        assertThat(answers.getFirst().body().path("output").asText()).contains("\"approved\":true").contains("\"runId\":\"run-1\"");
    }

    @Test
    void aDecisionBeforeTheTokenIsSentWhenTheTokenArrives() {
        waitingRun("run-1");
        store.decideApproval("run-1", false, "no", "approval rejected: no", T0);
        orchestrator.approvalDecided("run-1", false);
        assertThat(stepFunctions.calls("SendTaskSuccess")).isEmpty();

        callbacks.tokenIssued("run-1", CallbackKind.APPROVAL, "token-1");

        List<StepFunctionsStandIn.Call> answers = stepFunctions.calls("SendTaskSuccess");
        assertThat(answers).hasSize(1);
        assertThat(answers.getFirst().body().path("output").asText()).contains("\"approved\":false");
    }

    @Test
    void aCallbackAlreadyAnsweredOrExpiredIsNotAnError() {
        waitingRun("run-1");
        callbacks.tokenIssued("run-1", CallbackKind.APPROVAL, "token-1");
        store.decideApproval("run-1", true, null, null, T0);
        stepFunctions.fail("SendTaskSuccess", "InvalidToken");

        orchestrator.approvalDecided("run-1", true);

        assertThat(stepFunctions.calls("SendTaskSuccess")).hasSize(1);
    }

    @Test
    void aHumanReviewTokenIsStoredButNotAnsweredByAnApproval() {
        waitingRun("run-1");
        callbacks.tokenIssued("run-1", CallbackKind.HUMAN, "human-token");

        assertThat(store.callbackToken("run-1", CallbackKind.HUMAN)).contains("human-token");
        assertThat(store.callbackToken("run-1", CallbackKind.APPROVAL)).isEmpty();
        assertThat(stepFunctions.calls("SendTaskSuccess")).isEmpty();
    }

    private void waitingRun(String runId) {
        store.createRun(new Run(runId, "prompt", "objective", RunStatus.RUNNING, null, "[]", "{}", BudgetLimits.NONE,
                BigDecimal.ZERO, BigDecimal.ZERO, 0, "{}", "fingerprint", null, T0, null, null,
                Approval.autoApprovedUnder(BigDecimal.ZERO), null), List.of());
        store.awaitApproval(runId, T0.plus(Duration.ofHours(24)), PendingApproval.wholeRun(BigDecimal.ONE));
    }
}
