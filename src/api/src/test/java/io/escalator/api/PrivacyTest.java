package io.escalator.api;

import static io.escalator.api.ScriptedModels.CHEAP;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.escalator.config.EscalatorConfig;
import io.escalator.telemetry.UserIdHasher;
import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A caller's user id is kept only as its keyed hash: not in any stored record, nor in any answer of the API. */
@QuarkusTest
@WithTestResource(ScriptedModels.class)
class PrivacyTest {

    ScriptedOpenAiServer models;

    @Inject
    DynamoDbClient dynamoDb;

    @Inject
    EscalatorConfig config;

    @BeforeEach
    void script() {
        models.reset();
        models.script(CHEAP, Reply.text("42"));
    }

    @Test
    void theUserIdIsStoredOnlyAsItsKeyedHashAndNeverShown() {
        String userId = "alice-" + UUID.randomUUID() + "@example.com";
        String hash = new UserIdHasher(config.telemetry().userIdKey().orElseThrow().getBytes(StandardCharsets.UTF_8))
                .hash(userId);
        String runId = given().contentType(ContentType.JSON).header("X-User-Id", userId)
                .body(Runs.promptRun("What is 6 times 7?", "[{\"type\": \"contains\", \"value\": \"42\"}]"))
                .when().post("/runs").then().statusCode(202).extract().path("runId");
        Runs.awaitEnd(runId);

        List<Map<String, AttributeValue>> stored = awaitTelemetryOf(runId);
        assertThat(stored).as("every record of the table").allSatisfy(item -> assertThat(item.values())
                .extracting(AttributeValue::toString).noneMatch(value -> value.contains(userId)));
        assertThat(stored).filteredOn(item -> item.get("sk").s().equals("META") && item.get("pk").s().equals("RUN#" + runId))
                .singleElement().satisfies(meta -> assertThat(meta.get("userHash").s()).isEqualTo(hash));
        assertThat(stored).filteredOn(item -> item.get("pk").s().startsWith("TEL#") && item.get("runId").s().equals(runId))
                .isNotEmpty().allSatisfy(call -> assertThat(call.get("userHash").s()).isEqualTo(hash));
        for (String path : List.of("/runs/" + runId, "/runs/" + runId + "/report", "/runs", "/analytics",
                "/analytics/recommendations")) {
            assertThat(given().when().get(path).then().statusCode(200).extract().asString()).as(path).doesNotContain(userId);
        }
        assertThat(given().accept(ContentType.JSON).when().get("/runs/{id}/report", runId).then().statusCode(200)
                .extract().asString()).doesNotContain(userId);
    }

    @Test
    void aUserIdTooLongToBeOneIsRefusedNamingTheHeader() {
        given().contentType(ContentType.JSON).header("X-User-Id", "u".repeat(257))
                .body(Runs.promptRun("What is 6 times 7?", "[{\"type\": \"contains\", \"value\": \"42\"}]"))
                .when().post("/runs")
                .then().statusCode(400).body("details[0].field", equalTo("X-User-Id"));
    }

    /** Telemetry is written when the run's attempts are decided; the scan is a test's own look at every record. */
    private List<Map<String, AttributeValue>> awaitTelemetryOf(String runId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            List<Map<String, AttributeValue>> all = dynamoDb.scanPaginator(b -> b.tableName(config.dynamodb().table()))
                    .items().stream().toList();
            boolean written = all.stream().anyMatch(item -> item.get("pk").s().startsWith("TEL#")
                    && runId.equals(item.get("runId").s()));
            if (written || Instant.now().isAfter(deadline)) {
                return all;
            }
        }
    }
}
