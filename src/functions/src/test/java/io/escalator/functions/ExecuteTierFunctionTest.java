package io.escalator.functions;

import static io.escalator.functions.FunctionsTestEnvironment.CHEAP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.escalator.config.EscalatorConfig;
import io.escalator.engine.RunService;
import io.escalator.run.Run;
import io.escalator.store.RunStore;
import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The executeTier function invoked as Lambda invokes it, with the input the state machine sends. */
@QuarkusTest
@TestProfile(ExecuteTierFunctionTest.Export.class)
@WithTestResource(FunctionsTestEnvironment.class)
class ExecuteTierFunctionTest {

    public static class Export extends ExportedFunction {
        @Override
        protected String function() {
            return "executeTier";
        }
    }

    ScriptedOpenAiServer models;

    @Inject
    RunService runs;
    @Inject
    RunStore store;
    @Inject
    DynamoDbClient dynamoDb;
    @Inject
    EscalatorConfig config;

    @BeforeEach
    void script() {
        models.reset();
        models.script(CHEAP, Reply.text("42").withUsage(1000, 10));
    }

    @Test
    void makesOneAttemptPerOpenItemAndChargesIt() {
        String runId = runs.create(RunRequests.prompt("What is 6 times 7?")).id();

        MockEventServer.invoke("{\"runId\": \"" + runId + "\"}").then().statusCode(200)
                .body("runId", equalTo(runId))
                .body("attempted", equalTo(1))
                .body("deferred", equalTo(0));

        assertThat(models.callCount(CHEAP)).isEqualTo(1);
        // cheap: 1000 input tokens x $0.10/M + 10 output tokens x $0.40/M
        assertThat(store.findRun(runId).orElseThrow().spentCost()).isEqualByComparingTo(new BigDecimal("0.000104"));
        assertThat(store.load(runId).attemptsOf(RunRequests.SINGLE_ITEM)).hasSize(1);
    }

    @Test
    void invokedAgainWithTheSameInputItCallsNoModelAgainAndChargesNothingTwice() {
        String runId = runs.create(RunRequests.prompt("What is 6 times 7?")).id();
        String event = "{\"runId\": \"" + runId + "\"}";
        MockEventServer.invoke(event).then().statusCode(200).body("attempted", equalTo(1));
        Run afterFirst = store.findRun(runId).orElseThrow();

        MockEventServer.invoke(event).then().statusCode(200).body("attempted", equalTo(0));

        Run afterSecond = store.findRun(runId).orElseThrow();
        assertThat(models.callCount(CHEAP)).isEqualTo(1);
        assertThat(afterSecond.spentCost()).isEqualByComparingTo(afterFirst.spentCost());
        assertThat(afterSecond.committedCost()).isEqualByComparingTo(afterFirst.committedCost());
        assertThat(afterSecond.attemptsStarted()).isEqualTo(afterFirst.attemptsStarted());
        assertThat(store.load(runId).attemptsOf(RunRequests.SINGLE_ITEM)).hasSize(1);
    }

    @Test
    void aBlankRunIdIsRefusedWithoutCallingAModelOrWritingAnything() {
        runs.create(RunRequests.prompt("What is 6 times 7?"));
        var before = StoreContents.of(dynamoDb, config.dynamodb().table());

        LambdaError error = LambdaError.of(MockEventServer.invoke("{\"runId\": \"\"}"));

        assertThat(error.functionErrorType()).isEqualTo(InvalidStepInputException.class.getName());
        assertThat(error.functionErrorMessage()).isEqualTo("runId: is missing or blank");
        assertThat(models.totalCalls()).isZero();
        assertThat(StoreContents.of(dynamoDb, config.dynamodb().table())).isEqualTo(before);
    }
}
