package io.escalator.api;

import static io.escalator.api.ScriptedModels.CAPABLE;
import static io.escalator.api.ScriptedModels.CHEAP;
import static io.escalator.api.ScriptedModels.PREMIUM;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.util.List;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs climbing the ladder through the HTTP API, against scripted models behind the real OpenAI client. */
@QuarkusTest
@WithTestResource(ScriptedModels.class)
class EscalationFlowTest {

    private static final String EQUALS_42 = "[{\"type\":\"equals\",\"value\":\"42\"}]";

    ScriptedOpenAiServer models;

    @Inject
    DynamoDbClient dynamoDb;

    @BeforeEach
    void resetModels() {
        models.reset();
    }

    @Test
    void cheapWrongThenCapableRightSucceedsOnCapableWithoutCallingPremium() {
        models.script(CHEAP, Reply.text("41").withUsage(800, 10));
        models.script(CAPABLE, Reply.text("42").withUsage(1000, 200));

        JsonPath run = Runs.awaitEnd(Runs.start(Runs.promptRun("What is 6 times 7?", EQUALS_42)));

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getString("items[0].tier")).isEqualTo("capable");
        assertThat(run.getList("attempts.tier")).containsExactly("cheap", "cheap", "capable");
        assertThat(run.getList("attempts.decision")).containsExactly("RETRY", "ESCALATE", "SUCCEED");
        assertThat(models.callCount(PREMIUM)).isZero();
        String capablePrompt = models.requests(CAPABLE).getFirst().userText();
        assertThat(capablePrompt).contains("41").contains("is not the expected value").contains("tier=\"cheap\"");
        // capable: 1000 x $0.50/M + 200 x $1.50/M; cheap is free
        assertThat(new BigDecimal(run.getString("totalCost"))).isEqualByComparingTo("0.0008");
        // all on premium: the first (cold) attempt's 800 + 10 tokens at $5/M and $15/M
        assertThat(new BigDecimal(run.getString("allTopTierCost"))).isEqualByComparingTo("0.00415");
        assertThat(run.getDouble("savingsPercent")).isEqualTo(80.7);
    }

    @Test
    void everyTierWrongEndsNeedingAHumanWithTheWholeHistory() {
        models.script(CHEAP, Reply.text("41"));
        models.script(CAPABLE, Reply.text("43"));
        models.script(PREMIUM, request -> request.messages().getFirst().content().contains("reviewer")
                ? Reply.text("{\"confidence\": 0.3, \"assessment\": \"the answer looks wrong\"}")
                : Reply.text("44"));

        JsonPath run = Runs.awaitEnd(Runs.start(Runs.promptRun("What is 6 times 7?", EQUALS_42)));

        assertThat(run.getString("status")).isEqualTo("NEEDS_HUMAN");
        assertThat(run.getList("attempts.tier")).containsExactly("cheap", "cheap", "capable", "capable", "premium");
        assertThat(run.getString("attempts[4].decision")).isEqualTo("NEEDS_HUMAN");
        assertThat(run.getString("attempts[4].analysis")).contains("the answer looks wrong");
        assertThat(run.getDouble("attempts[4].signals.confidence")).isEqualTo(0.3);
        // premium is a full team: the analyzer reads the four earlier failures, the reviewer judges the answer
        assertThat(models.callCount(PREMIUM)).isEqualTo(3);
        assertThat(models.requests(PREMIUM).getFirst().userText()).contains("41").contains("43");
    }

    @Test
    void aFreeTierThatSucceedsCostsExactlyNothing() {
        models.script(CHEAP, Reply.text("42").withUsage(5000, 3000));

        JsonPath run = Runs.awaitEnd(Runs.start(Runs.promptRun("What is 6 times 7?", EQUALS_42)));

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(new BigDecimal(run.getString("totalCost"))).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(run.getList("attempts")).hasSize(1);
        assertThat(models.callCount(CAPABLE) + models.callCount(PREMIUM)).isZero();
    }

    @Test
    void aModelAnsweringHttpErrorsIsRecordedAsFailedAndEscalated() {
        models.script(CHEAP, Reply.httpError(503, "{\"error\":{\"message\":\"overloaded\"}}"));
        models.script(CAPABLE, Reply.text("42"));

        JsonPath run = Runs.awaitEnd(Runs.start(Runs.promptRun("What is 6 times 7?", EQUALS_42)));

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getList("attempts.error", String.class).subList(0, 2))
                .allSatisfy(error -> assertThat(error).contains("HTTP 503"));
        assertThat(run.getString("attempts[0].gates[0].message")).contains("no answer");
        assertThat(run.getString("items[0].tier")).isEqualTo("capable");
    }

    @Test
    void unparsableAnswersAndDroppedConnectionsAreRetriedWhileEmptyAnswersAreRecordedFailures() {
        models.script(CHEAP, Reply.raw(200, "this is not JSON"), Reply.text(" "));
        models.script(CAPABLE, Reply.disconnect(), Reply.text("42"));

        JsonPath run = Runs.awaitEnd(Runs.start(Runs.promptRun("What is 6 times 7?", EQUALS_42)));

        List<String> errors = run.getList("attempts.error", String.class);
        assertThat(errors).hasSize(3);
        // the unreadable response was retried within the first attempt, which then got an empty answer
        assertThat(errors.get(0)).contains("empty answer");
        assertThat(errors.get(1)).contains("empty answer");
        // the dropped connection was retried within the capable attempt, which then got the answer
        assertThat(errors.get(2)).isNull();
        assertThat(models.callCount(CHEAP)).isEqualTo(3);
        assertThat(models.callCount(CAPABLE)).isEqualTo(2);
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
    }

    @Test
    void aModelThatDoesNotAnswerInTimeIsRetriedAndThenRecordedAsTimedOut() {
        Reply tooLate = Reply.delayed(java.time.Duration.ofSeconds(ScriptedModels.CHEAP_TIMEOUT_SECONDS + 3), Reply.text("42"));
        models.script(CHEAP, tooLate, tooLate, Reply.text("42"));

        JsonPath run = Runs.awaitEnd(Runs.start(Runs.promptRun("What is 6 times 7?", EQUALS_42)));

        // two tries of 2 s: a third would start after the tests' 3 s retry time
        assertThat(run.getString("attempts[0].error")).matches(".* did not answer within " + ScriptedModels.CHEAP_TIMEOUT_SECONDS
                + " s; 2 tries over \\d+\\.\\d s; no time left to retry within 3\\.0 s");
        assertThat(run.getString("attempts[1].error")).isNull();
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
    }

    @Test
    void apiKeysReachTheModelButNeitherTheStoreNorAnyResponse() {
        models.script(CHEAP, Reply.text("41"));
        models.script(CAPABLE, Reply.text("42"));

        String runId = Runs.start(Runs.promptRun("What is 6 times 7?", EQUALS_42));
        JsonPath run = Runs.awaitEnd(runId);

        assertThat(models.requests(CAPABLE).getFirst().header("Authorization")).contains("Bearer sk-test-capable-key");
        String responses = run.prettify() + RestAssured.get("/runs/{id}/report", runId).asString()
                + RestAssured.given().accept("application/json").get("/runs/{id}/report", runId).asString()
                + RestAssured.get("/runs").asString();
        assertThat(responses).doesNotContain("sk-test-capable-key").doesNotContain("sk-test-premium-key");
        String stored = dynamoDb.scanPaginator(b -> b.tableName("escalator")).items().stream()
                .map(Object::toString).reduce("", String::concat);
        assertThat(stored).contains(runId).doesNotContain("sk-test-capable-key").doesNotContain("sk-test-premium-key");
    }
}
