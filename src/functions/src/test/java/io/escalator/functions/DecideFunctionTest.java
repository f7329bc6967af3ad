package io.escalator.functions;

import static io.escalator.functions.FunctionsTestEnvironment.CAPABLE;
import static io.escalator.functions.FunctionsTestEnvironment.CHEAP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.escalator.config.EscalatorConfig;
import io.escalator.engine.DecideStep;
import io.escalator.engine.ExecuteTierStep;
import io.escalator.engine.RunService;
import io.escalator.policy.Action;
import io.escalator.run.Attempt;
import io.escalator.run.ItemStatus;
import io.escalator.run.PendingApproval;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.store.RunStore;
import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The decide function invoked as Lambda invokes it, with the input the state machine sends. */
@QuarkusTest
@TestProfile(DecideFunctionTest.Export.class)
@WithTestResource(FunctionsTestEnvironment.class)
class DecideFunctionTest {

    public static class Export extends ExportedFunction {
        @Override
        protected String function() {
            return "decide";
        }
    }

    ScriptedOpenAiServer models;

    @Inject
    RunService runs;
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

    @BeforeEach
    void resetModels() {
        models.reset();
    }

    @Test
    void aWrongAnswerIsRetriedSoTheRunExecutesAgain() {
        models.script(CHEAP, Reply.text("41"));
        String runId = runs.create(RunRequests.prompt("What is 6 times 7?")).id();
        executeTier.execute(runId);

        MockEventServer.invoke("{\"runId\": \"" + runId + "\"}").then().statusCode(200)
                .body("runId", equalTo(runId))
                .body("next", equalTo("EXECUTE"));

        assertThat(store.load(runId).attemptsOf(RunRequests.SINGLE_ITEM)).extracting(attempt -> attempt.decision().action())
                .containsExactly(Action.RETRY);
    }

    @Test
    void aRightAnswerEndsTheItemSoTheRunIsFinalized() {
        models.script(CHEAP, Reply.text("42"));
        String runId = runs.create(RunRequests.prompt("What is 6 times 7?")).id();
        executeTier.execute(runId);

        MockEventServer.invoke("{\"runId\": \"" + runId + "\"}").then().statusCode(200).body("next", equalTo("FINALIZE"));

        assertThat(store.load(runId).items()).extracting(item -> item.status()).containsExactly(ItemStatus.SUCCEEDED);
    }

    @Test
    void anEscalationPastTheApprovalLineMakesTheRunWaitForApprovalFirst() {
        models.script(CHEAP, Reply.text("41"));
        String runId = runs.create(RunRequests.needingApproval("What is 6 times 7?")).id();
        executeTier.execute(runId);
        decide.decide(runId);
        executeTier.execute(runId);

        MockEventServer.invoke("{\"runId\": \"" + runId + "\"}").then().statusCode(200)
                .body("runId", equalTo(runId))
                .body("next", equalTo("AWAIT_APPROVAL"))
                .body("approvalTimeoutSeconds", equalTo((int) config.approval().deadline().toSeconds()));

        Run waiting = store.findRun(runId).orElseThrow();
        assertThat(waiting.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(waiting.approval().pending().kind()).isEqualTo(PendingApproval.Kind.ESCALATION);
        assertThat(waiting.approval().pending().escalations()).extracting(PendingApproval.Escalation::tier)
                .containsExactly("capable");
        assertThat(models.callCount(CAPABLE)).isZero();
    }

    @Test
    void invokedAgainWithTheSameInputItDecidesNothingTwice() {
        models.script(CHEAP, Reply.text("41"));
        String runId = runs.create(RunRequests.prompt("What is 6 times 7?")).id();
        executeTier.execute(runId);
        String event = "{\"runId\": \"" + runId + "\"}";
        MockEventServer.invoke(event).then().statusCode(200).body("next", equalTo("EXECUTE"));
        var afterFirst = StoreContents.of(dynamoDb, config.dynamodb().table());
        Attempt decided = store.load(runId).attemptsOf(RunRequests.SINGLE_ITEM).getFirst();

        MockEventServer.invoke(event).then().statusCode(200).body("next", equalTo("EXECUTE"));

        assertThat(StoreContents.of(dynamoDb, config.dynamodb().table())).isEqualTo(afterFirst);
        assertThat(store.load(runId).attemptsOf(RunRequests.SINGLE_ITEM)).containsExactly(decided);
    }

    @Test
    void aMissingRunIdIsRefusedNamingTheField() {
        LambdaError error = LambdaError.of(MockEventServer.invoke("{\"id\": \"run-1\"}"));

        assertThat(error.functionErrorType()).isEqualTo(InvalidStepInputException.class.getName());
        assertThat(error.functionErrorMessage()).isEqualTo("runId: is missing or blank");
    }
}
