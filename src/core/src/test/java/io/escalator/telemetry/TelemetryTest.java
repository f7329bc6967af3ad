package io.escalator.telemetry;

import static io.escalator.testkit.ScriptedChatModels.Answer.text;
import static io.escalator.testkit.TestLadders.CAPABLE;
import static io.escalator.testkit.TestLadders.CHEAP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.store.TelemetryStore;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.LogCapture;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.TestLadders;
import io.escalator.testkit.TestRuns;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One telemetry record per model call, with what it cost and how its attempt came out, and nothing private. */
@ExtendWith(DynamoDbLocalExtension.class)
class TelemetryTest {

    private static final String USER = "alice@example.com";
    private static final UserIdHasher HASHER = new UserIdHasher("telemetry-test-key-0123456789".getBytes(StandardCharsets.UTF_8));

    private final MutableClock clock = MutableClock.at("2100-03-01T10:00:00Z");
    private final ScriptedChatModels models = new ScriptedChatModels();
    private Engine engine;
    private String table;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        table = dynamoDb.uniqueTableName("runs");
        engine = Engine.on(dynamoDb.client(), table, TestLadders.priced(), models, clock);
    }

    @Test
    void everyModelCallLeavesARecordWithItsCostOutcomeAndDecision() {
        models.answer(CHEAP, "Which number", text("41", 1000, 500)).answer(CAPABLE, "Which number", text("42", 2000, 400));
        Run run = engine.startAs(HASHER.hash(USER), TestRuns.run().item("b", "Which number answers everything?"));
        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.SUCCEEDED);

        List<CallRecord> calls = engine.telemetry.calls("prompt", Instant.parse("2100-03-01T00:00:00Z"),
                Instant.parse("2100-03-02T00:00:00Z"));

        assertThat(calls).extracting(CallRecord::tier, CallRecord::attemptSeq, CallRecord::model, CallRecord::provider,
                        CallRecord::role, CallRecord::inputTokens, CallRecord::outputTokens, CallRecord::outcome,
                        CallRecord::cqs, CallRecord::decision, CallRecord::escalated)
                .containsExactly(
                        tuple("cheap", 1, "cheap-model", "openai", "generator", 1000, 500, "answered", 0.0, "RETRY", false),
                        tuple("cheap", 2, "cheap-model", "openai", "generator", 1000, 500, "answered", 0.0, "ESCALATE", true),
                        tuple("capable", 3, "capable-model", "openai", "generator", 2000, 400, "answered", 100.0, "SUCCEED", false));
        assertThat(calls.get(2).cost()).isEqualByComparingTo("0.012");
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.runId()).isEqualTo(run.id());
            assertThat(call.workflow()).isEqualTo("prompt");
            assertThat(call.userHash()).isEqualTo(HASHER.hash(USER)).hasSize(64).doesNotContain("alice");
        });
    }

    @Test
    void recordsHoldNoPromptAnswerOrClearUserIdAndExpireAfterTheTelemetryRetention(DynamoDbLocal dynamoDb) {
        String question = "Which number answers the ultimate question?";
        models.answer(CHEAP, text("The answer is 42, of course", 1000, 500));
        Run run = engine.startAs(HASHER.hash(USER), TestRuns.run().item("q", question));
        engine.driver.drive(run.id());

        List<Map<String, AttributeValue>> stored = dynamoDb.client().scan(b -> b.tableName(table)).items().stream()
                .filter(item -> item.get("pk").s().startsWith("TEL#")).toList();

        assertThat(stored).hasSize(1);
        Map<String, AttributeValue> record = stored.getFirst();
        assertThat(record.values()).extracting(AttributeValue::toString)
                .noneMatch(value -> value.contains("ultimate question") || value.contains("of course")
                        || value.contains(USER));
        Instant at = Instant.parse(record.get("at").s());
        assertThat(Long.parseLong(record.get("expiresAt").n())).isEqualTo(at.plus(Duration.ofDays(90)).getEpochSecond());
    }

    @Test
    void aTelemetryWriteThatFailsIsLoggedWithoutFailingTheStep(DynamoDbLocal dynamoDb) {
        Engine broken = Engine.builder(dynamoDb.client(), dynamoDb.uniqueTableName("runs")).models(models).clock(clock)
                .telemetryTable("no-such-table").build();
        models.answer(CHEAP, text("42", 100, 10));
        Run run = broken.start(TestRuns.run());

        List<LogRecord> warnings = LogCapture.warnings(TelemetryRecorder.class, () -> broken.driver.drive(run.id()));

        assertThat(broken.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(warnings).extracting(LogRecord::getMessage)
                .anySatisfy(message -> assertThat(message).startsWith("Run " + run.id() + ": the telemetry of 1 attempts was not written"));
    }
}
