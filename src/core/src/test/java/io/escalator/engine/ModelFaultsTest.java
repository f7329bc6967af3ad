package io.escalator.engine;

import static io.escalator.testkit.MoneyAssertions.assertSpentIsTheSumOfTheAttempts;
import static io.escalator.testkit.TestLadders.CAPABLE;
import static io.escalator.testkit.TestLadders.CHEAP;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.model.OpenAiChatModels;
import io.escalator.model.retry.ModelRetryPolicy;
import io.escalator.policy.Action;
import io.escalator.run.Attempt;
import io.escalator.run.ItemStatus;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testing.RecordedRequest;
import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.escalator.testkit.Engine;
import io.escalator.testkit.TestLadders;
import io.escalator.testkit.TestRuns;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faulty models under the whole engine: the real model client against a loopback server scripted per item, over
 * DynamoDB Local. Transient faults are retried inside the call and cost nothing; what is left becomes a failed attempt
 * that the escalation policy moves on; and the run's spend is always the sum of its recorded attempts.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class ModelFaultsTest {

    /** Two retries (three tries a call) with short waits. */
    private static final ModelRetryPolicy RETRIES = new ModelRetryPolicy(2, Duration.ofMillis(20),
            Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(10));
    private static final String OVERLOADED = "{\"error\":{\"message\":\"overloaded\"}}";
    /** $0.15 / $0.60 per million on cheap; $3 / $15 on capable. */
    private static final Reply.Text CHEAP_RIGHT = Reply.text("42").withUsage(1_000, 10);
    private static final String CHEAP_RIGHT_COST = "0.000156";
    private static final Reply.Text CAPABLE_RIGHT = Reply.text("42").withUsage(2_000, 10);
    private static final String CAPABLE_RIGHT_COST = "0.00615";
    private static final Reply.Text EMPTY_BUT_BILLED = Reply.text(" ").withUsage(1_000, 1);
    private static final String EMPTY_COST = "0.0001506";

    private final ScriptedOpenAiServer server = ScriptedOpenAiServer.start();
    private Engine engine;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        engine = Engine.builder(dynamoDb.client(), dynamoDb.uniqueTableName("runs"))
                .ladder(TestLadders.pricedAt(server.baseUrl()))
                .chatModels(new OpenAiChatModels(RETRIES))
                .build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void transientFaultsAreRetriedWithinTheAttemptAndOnlyTheAnsweringCallIsCharged() {
        server.script(CHEAP, "item-a", Reply.httpError(429, OVERLOADED).withHeader("Retry-After", "1"), CHEAP_RIGHT);
        server.script(CHEAP, "item-b", Reply.httpError(500, OVERLOADED), Reply.httpError(500, OVERLOADED), CHEAP_RIGHT);
        server.script(CHEAP, "item-c", Reply.disconnect(), CHEAP_RIGHT);
        server.script(CHEAP, "item-d", Reply.truncated(Reply.text("42").withUsage(1_000, 10)), CHEAP_RIGHT);
        server.script(CHEAP, "item-e", Reply.raw(200, "<html>upstream error</html>"), CHEAP_RIGHT);
        Run run = engine.start(TestRuns.run().maxCost("1.00")
                .item("a", "item-a").item("b", "item-b").item("c", "item-c").item("d", "item-d").item("e", "item-e"));

        assertThat(engine.runToEnd(run.id())).isEqualTo(RunStatus.SUCCEEDED);

        for (String item : List.of("a", "b", "c", "d", "e")) {
            assertThat(engine.attempts(run.id(), item)).as(item).singleElement().satisfies(attempt -> {
                assertThat(attempt.failure()).isNull();
                assertThat(attempt.cost()).isEqualByComparingTo(CHEAP_RIGHT_COST);
                assertThat(attempt.calls()).singleElement()
                        .satisfies(call -> assertThat(call.inputTokens()).isEqualTo(1_000));
            });
        }
        assertThat(List.of("item-a", "item-b", "item-c", "item-d", "item-e")).extracting(this::cheapRequests)
                .containsExactly(2, 3, 2, 2, 2);
        List<RecordedRequest> rateLimited = requestsFor("item-a");
        assertThat(Duration.between(rateLimited.get(0).receivedAt(), rateLimited.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertSpentIsTheSumOfTheAttempts(engine, run.id(), new BigDecimal(CHEAP_RIGHT_COST).multiply(BigDecimal.valueOf(5)));
    }

    @Test
    void aTierThatStaysDownFailsEachAttemptAfterBoundedTriesAndTheItemEscalates() {
        server.script(CHEAP, Reply.httpError(503, OVERLOADED));
        server.script(CAPABLE, CAPABLE_RIGHT);
        Run run = engine.start(TestRuns.run().maxCost("1.00").item("a", "item-a"));

        assertThat(engine.runToEnd(run.id())).isEqualTo(RunStatus.SUCCEEDED);

        List<Attempt> attempts = engine.attempts(run.id(), "a");
        assertThat(attempts).extracting(Attempt::tierName, attempt -> attempt.decision().action()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("cheap", Action.RETRY),
                org.assertj.core.groups.Tuple.tuple("cheap", Action.ESCALATE),
                org.assertj.core.groups.Tuple.tuple("capable", Action.SUCCEED));
        assertThat(attempts.subList(0, 2)).allSatisfy(failed -> {
            assertThat(failed.failure()).matches("model cheap-model on tier cheap at .* answered HTTP 503: overloaded; "
                    + "3 tries over \\d+\\.\\d s");
            assertThat(failed.cost()).isZero();
        });
        // three tries for each of the two cheap attempts: bounded, and never more
        assertThat(server.callCount(CHEAP)).isEqualTo(6);
        assertThat(server.requests(CAPABLE).getFirst().userText()).contains("answered HTTP 503: overloaded; 3 tries");
        assertThat(engine.item(run.id(), "a").status()).isEqualTo(ItemStatus.SUCCEEDED);
        assertSpentIsTheSumOfTheAttempts(engine, run.id(), new BigDecimal(CAPABLE_RIGHT_COST));
    }

    @Test
    void emptyAnswersAndRefusedRequestsAreFailedAttemptsWithoutRetriesAndTheItemsEscalate() {
        server.script(CHEAP, "item-empty", EMPTY_BUT_BILLED);
        server.script(CHEAP, "item-refused", Reply.httpError(401, "{\"error\":{\"message\":\"Incorrect API key\"}}"));
        server.script(CAPABLE, CAPABLE_RIGHT);
        Run run = engine.start(TestRuns.run().maxCost("1.00").item("empty", "item-empty").item("refused", "item-refused"));

        assertThat(engine.runToEnd(run.id())).isEqualTo(RunStatus.SUCCEEDED);

        assertThat(cheapRequests("item-empty")).isEqualTo(2);
        assertThat(cheapRequests("item-refused")).isEqualTo(2);
        assertThat(engine.attempts(run.id(), "empty").subList(0, 2)).allSatisfy(failed -> {
            assertThat(failed.failure()).endsWith("on tier cheap at " + server.baseUrl() + " returned an empty answer");
            // the provider billed the empty answer, and said so
            assertThat(failed.cost()).isEqualByComparingTo(EMPTY_COST);
        });
        assertThat(engine.attempts(run.id(), "refused").subList(0, 2)).allSatisfy(failed -> {
            assertThat(failed.failure()).endsWith("answered HTTP 401: Incorrect API key; not retried");
            assertThat(failed.cost()).isZero();
        });
        assertThat(engine.attempts(run.id(), "empty")).last().satisfies(last -> assertThat(last.tierName()).isEqualTo("capable"));
        assertThat(engine.attempts(run.id(), "refused")).last().satisfies(last -> assertThat(last.tierName()).isEqualTo("capable"));
        assertSpentIsTheSumOfTheAttempts(engine, run.id(), new BigDecimal(EMPTY_COST).multiply(BigDecimal.TWO)
                .add(new BigDecimal(CAPABLE_RIGHT_COST).multiply(BigDecimal.TWO)));
    }

    private int cheapRequests(String marker) {
        return requestsFor(marker).size();
    }

    private List<RecordedRequest> requestsFor(String marker) {
        return server.requests(CHEAP).stream().filter(request -> request.userText().contains(marker)).toList();
    }
}
