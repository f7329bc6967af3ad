package io.escalator.api;

import static io.escalator.api.ScriptedModels.CAPABLE;
import static io.escalator.api.ScriptedModels.CHEAP;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.testing.RecordedRequest;
import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faulty models through the HTTP API and the stack's own configuration (three retries, short waits in tests): what is
 * retried within a call, what becomes a failed attempt, and that a run's spend is the sum of its recorded attempts.
 */
@QuarkusTest
@WithTestResource(ScriptedModels.class)
class ModelFaultsFlowTest {

    private static final String EQUALS_42 = "[{\"type\":\"equals\",\"value\":\"42\"}]";
    private static final String OVERLOADED = "{\"error\":{\"message\":\"overloaded\"}}";

    ScriptedOpenAiServer models;

    @BeforeEach
    void resetModels() {
        models.reset();
    }

    @Test
    void aRateLimitedCallIsRetriedAfterItsRetryAfterAndChargedOnceForTheAnswer() {
        models.script(CHEAP, Reply.text("41"));
        models.script(CAPABLE, Reply.httpError(429, OVERLOADED).withHeader("Retry-After", "1"),
                Reply.text("42").withUsage(1000, 200));

        JsonPath run = Runs.awaitEnd(Runs.start(budgetedRun()));

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getList("attempts.tier")).containsExactly("cheap", "cheap", "capable");
        assertThat(run.getString("attempts[2].error")).isNull();
        List<RecordedRequest> capable = models.requests(CAPABLE);
        assertThat(capable).hasSize(2);
        assertThat(Duration.between(capable.get(0).receivedAt(), capable.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        // one capable call charged: 1000 x $0.50/M + 200 x $1.50/M; the 429 cost nothing, cheap is free
        assertThat(new BigDecimal(run.getString("attempts[2].cost"))).isEqualByComparingTo("0.0008");
        assertSpentIsTheSumOfTheAttempts(run, "0.0008");
    }

    @Test
    void aTierThatStaysDownIsTriedFourTimesPerAttemptThenTheItemEscalates() {
        models.script(CHEAP, Reply.httpError(503, OVERLOADED));
        models.script(CAPABLE, Reply.text("42").withUsage(1000, 200));

        JsonPath run = Runs.awaitEnd(Runs.start(budgetedRun()));

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getList("attempts.decision")).containsExactly("RETRY", "ESCALATE", "SUCCEED");
        assertThat(run.getList("attempts.error", String.class).subList(0, 2)).allSatisfy(error -> assertThat(error)
                .matches("model cheap-model on tier cheap at .* answered HTTP 503: overloaded; 4 tries over \\d+\\.\\d s"));
        assertThat(models.callCount(CHEAP)).isEqualTo(8);
        assertSpentIsTheSumOfTheAttempts(run, "0.0008");
    }

    @Test
    void aRefusedKeyIsNotRetriedAndTheItemEscalates() {
        models.script(CHEAP, Reply.httpError(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}"));
        models.script(CAPABLE, Reply.text("42").withUsage(1000, 200));

        JsonPath run = Runs.awaitEnd(Runs.start(budgetedRun()));

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getList("attempts.error", String.class).subList(0, 2)).allSatisfy(error -> assertThat(error)
                .endsWith("answered HTTP 401: Incorrect API key provided; not retried"));
        assertThat(models.callCount(CHEAP)).isEqualTo(2);
        assertSpentIsTheSumOfTheAttempts(run, "0.0008");
    }

    private static String budgetedRun() {
        return "{\"workflow\":\"prompt\",\"objective\":\"What is 6 times 7?\",\"gates\":" + EQUALS_42
                + ",\"budget\":{\"maxCost\":0.50}}";
    }

    private static void assertSpentIsTheSumOfTheAttempts(JsonPath run, String expected) {
        BigDecimal recorded = run.getList("attempts.cost", BigDecimal.class).stream()
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(recorded).isEqualByComparingTo(expected);
        assertThat(new BigDecimal(run.getString("budget.spent"))).isEqualByComparingTo(recorded);
        assertThat(new BigDecimal(run.getString("totalCost"))).isEqualByComparingTo(recorded);
    }
}
