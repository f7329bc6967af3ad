package io.escalator.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.escalator.config.EscalatorConfig;
import io.escalator.engine.RunService;
import io.escalator.run.PendingApproval;
import io.escalator.run.RunStatus;
import io.escalator.store.RunStore;
import io.escalator.store.TelemetryStore;
import io.escalator.telemetry.CallRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The cleanup function invoked as the EventBridge schedule invokes it, with a fixed input. */
@QuarkusTest
@TestProfile(CleanupFunctionTest.Export.class)
@WithTestResource(FunctionsTestEnvironment.class)
class CleanupFunctionTest {

    public static class Export extends ExportedFunction {
        @Override
        protected String function() {
            return "cleanup";
        }
    }

    @Inject
    RunService runs;
    @Inject
    RunStore store;
    @Inject
    DynamoDbClient dynamoDb;
    @Inject
    EscalatorConfig config;
    @Inject
    TelemetryStore telemetry;

    @Test
    void withTheConfiguredRetentionItKeepsRecentRunsAndCancelsOverdueApprovals() {
        String recent = runs.create(RunRequests.prompt("What is 6 times 7?")).id();
        String overdue = runs.create(RunRequests.needingApproval("What is 6 times 7?")).id();
        store.awaitApproval(overdue, Instant.now().minus(Duration.ofHours(1)), PendingApproval.wholeRun(BigDecimal.ONE));

        MockEventServer.invoke("{}").then().statusCode(200)
                .body("deletedRuns", equalTo(0))
                .body("cancelledApprovals", equalTo(1));

        assertThat(store.findRun(recent)).isPresent();
        assertThat(store.findRun(overdue).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
    }

    @Test
    void deletesEveryRunCreatedMoreThanTheGivenDaysAgo() {
        String runId = runs.create(RunRequests.prompt("What is 6 times 7?")).id();
        long storedRuns = StoreContents.of(dynamoDb, config.dynamodb().table()).stream()
                .filter(record -> record.get("sk").s().equals("META")).count();

        MockEventServer.invoke("{\"olderThanDays\": 0}").then().statusCode(200)
                .body("deletedRuns", equalTo((int) storedRuns));

        assertThat(store.findRun(runId)).isEmpty();
    }

    @Test
    void aNegativeAgeIsRefusedAndNothingIsDeleted() {
        runs.create(RunRequests.prompt("What is 6 times 7?"));
        var before = StoreContents.of(dynamoDb, config.dynamodb().table());

        LambdaError error = LambdaError.of(MockEventServer.invoke("{\"olderThanDays\": -1}"));

        assertThat(error.functionErrorType()).isEqualTo(InvalidStepInputException.class.getName());
        assertThat(error.functionErrorMessage()).isEqualTo("olderThanDays: must be 0 or more, was -1");
        assertThat(StoreContents.of(dynamoDb, config.dynamodb().table())).isEqualTo(before);
    }

    @Test
    void deletesTelemetryOlderThanItsOwnGivenAgeAndKeepsTheRuns() {
        String runId = runs.create(RunRequests.prompt("What is 6 times 7?")).id();
        telemetry.write(List.of(new CallRecord("prompt", runId, "main", 1, 0, "generator", 0, "cheap", "cheap-model",
                "openai", 10, 2, BigDecimal.ONE, 5, CallRecord.ANSWERED, 100, "SUCCEED", false, null,
                Instant.now().minusSeconds(5))));
        long storedCalls = StoreContents.of(dynamoDb, config.dynamodb().table()).stream()
                .filter(record -> record.get("pk").s().startsWith("TEL#")).count();

        MockEventServer.invoke("{\"olderThanDays\": 36500, \"telemetryOlderThanDays\": 0}").then().statusCode(200)
                .body("deletedRuns", equalTo(0))
                .body("deletedTelemetry", equalTo((int) storedCalls));

        assertThat(StoreContents.of(dynamoDb, config.dynamodb().table()))
                .noneMatch(record -> record.get("pk").s().startsWith("TEL#"));
        assertThat(store.findRun(runId)).isPresent();
    }

    @Test
    void aNegativeTelemetryAgeIsRefused() {
        LambdaError error = LambdaError.of(MockEventServer.invoke("{\"telemetryOlderThanDays\": -3}"));

        assertThat(error.functionErrorType()).isEqualTo(InvalidStepInputException.class.getName());
        assertThat(error.functionErrorMessage()).isEqualTo("telemetryOlderThanDays: must be 0 or more, was -3");
    }
}
