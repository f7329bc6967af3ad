package io.escalator.engine;

import static io.escalator.testkit.MoneyAssertions.assertSpentIsTheSumOfTheAttempts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.escalator.ladder.Ladder;
import io.escalator.ladder.LadderLoader;
import io.escalator.model.ChatModelsByProvider;
import io.escalator.model.OpenAiChatModels;
import io.escalator.model.bedrock.BedrockChatModels;
import io.escalator.model.retry.ModelRetryPolicy;
import io.escalator.policy.Action;
import io.escalator.run.Attempt;
import io.escalator.run.ItemStatus;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedBedrockServer;
import io.escalator.testing.ScriptedOpenAiServer;
import io.escalator.testkit.Engine;
import io.escalator.testkit.TestRuns;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Bedrock tiers under the whole engine: the real Bedrock runtime client (SigV4 with static test credentials) against a
 * loopback server that speaks the Converse protocol, over DynamoDB Local. A Bedrock tier escalates, retries and is
 * charged like any other tier.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class BedrockLadderTest {

    /** Two retries (three tries a call) with short waits. */
    private static final ModelRetryPolicy RETRIES = new ModelRetryPolicy(2, Duration.ofMillis(5),
            Duration.ofMillis(20), Duration.ofSeconds(5), Duration.ofSeconds(10));
    private static final String NOVA = "amazon.nova-micro-v1:0";
    private static final String CLAUDE = "us.anthropic.claude-3-7-sonnet-20250219-v1:0";
    private static final String UNKNOWN = "anthropic.claude-does-not-exist-v1:0";

    private final ScriptedBedrockServer bedrock = ScriptedBedrockServer.start();
    private final ScriptedOpenAiServer local = ScriptedOpenAiServer.start();
    private DynamoDbLocal dynamoDb;

    @BeforeEach
    void keep(DynamoDbLocal dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    @AfterEach
    void stop() {
        bedrock.close();
        local.close();
    }

    private Engine engine(String ladderJson) {
        Ladder ladder = new LadderLoader(name -> null).parse(ladderJson
                .replace("$BEDROCK", bedrock.endpoint().toString())
                .replace("$LOCAL", local.baseUrl().toString()), "bedrock-ladder.json");
        BedrockChatModels bedrockModels = new BedrockChatModels(RETRIES,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")));
        return Engine.builder(dynamoDb.client(), dynamoDb.uniqueTableName("runs"))
                .ladder(ladder)
                .chatModels(new ChatModelsByProvider(List.of(new OpenAiChatModels(RETRIES), bedrockModels)))
                .build();
    }

    /** Nova Micro ($0.035 / $0.14 per million, one attempt) below Claude 3.7 Sonnet ($3 / $15 per million). */
    private static String twoBedrockTiers(String cheapModel) {
        return """
                {"tiers": [
                  {"name": "nova", "provider": "bedrock", "model": "%s", "region": "us-east-1", "endpoint": "$BEDROCK",
                   "inputPricePerMillion": 0.035, "outputPricePerMillion": 0.14, "mode": "simple", "maxAttempts": 1},
                  {"name": "claude", "provider": "bedrock", "model": "%s", "region": "us-east-1", "endpoint": "$BEDROCK",
                   "inputPricePerMillion": 3, "outputPricePerMillion": 15, "mode": "simple"}
                ]}""".formatted(cheapModel, CLAUDE);
    }

    @Test
    void aWrongCheapAnswerEscalatesToTheCapableModelAndEachAttemptCostsItsTokensAtItsPrices() {
        Engine engine = engine(twoBedrockTiers(NOVA));
        bedrock.script(NOVA, ScriptedBedrockServer.Reply.text("41", 1_000, 10));
        bedrock.script(CLAUDE, ScriptedBedrockServer.Reply.text("42", 2_000, 10));
        Run run = engine.start(TestRuns.run().maxCost("1.00").item("a", "item-a"));

        assertThat(engine.runToEnd(run.id())).isEqualTo(RunStatus.SUCCEEDED);

        List<Attempt> attempts = engine.attempts(run.id(), "a");
        assertThat(attempts).extracting(Attempt::tierName, attempt -> attempt.decision().action()).containsExactly(
                tuple("nova", Action.ESCALATE), tuple("claude", Action.SUCCEED));
        // 1,000 × 0.035 / 1e6 + 10 × 0.14 / 1e6
        assertThat(attempts.get(0).cost()).isEqualByComparingTo("0.0000364");
        // 2,000 × 3 / 1e6 + 10 × 15 / 1e6
        assertThat(attempts.get(1).cost()).isEqualByComparingTo("0.00615");
        assertThat(attempts.get(1).calls()).singleElement().satisfies(call -> {
            assertThat(call.inputTokens()).isEqualTo(2_000);
            assertThat(call.outputTokens()).isEqualTo(10);
        });
        assertThat(bedrock.requests(CLAUDE).getFirst().user()).contains("item-a");
        assertSpentIsTheSumOfTheAttempts(engine, run.id(), new BigDecimal("0.0061864"));
    }

    @Test
    void throttlingIsRetriedWithinTheAttemptAndOnlyTheAnsweringCallIsCharged() {
        Engine engine = engine(twoBedrockTiers(NOVA));
        bedrock.script(NOVA, ScriptedBedrockServer.Reply.throttled(), ScriptedBedrockServer.Reply.throttled(),
                ScriptedBedrockServer.Reply.text("42", 1_000, 10));
        Run run = engine.start(TestRuns.run().maxCost("1.00").item("a", "item-a"));

        assertThat(engine.runToEnd(run.id())).isEqualTo(RunStatus.SUCCEEDED);

        assertThat(engine.attempts(run.id(), "a")).singleElement().satisfies(attempt -> {
            assertThat(attempt.tierName()).isEqualTo("nova");
            assertThat(attempt.failure()).isNull();
            assertThat(attempt.cost()).isEqualByComparingTo("0.0000364");
        });
        assertThat(bedrock.callCount(NOVA)).isEqualTo(3);
        assertThat(bedrock.callCount(CLAUDE)).isZero();
        assertSpentIsTheSumOfTheAttempts(engine, run.id(), new BigDecimal("0.0000364"));
    }

    @Test
    void anUnknownModelIdIsAFailedAttemptWithTheReasonAndTheItemEscalatesPastIt() {
        Engine engine = engine(twoBedrockTiers(UNKNOWN));
        bedrock.script(CLAUDE, ScriptedBedrockServer.Reply.text("42", 2_000, 10));
        Run run = engine.start(TestRuns.run().maxCost("1.00").item("a", "item-a"));

        assertThat(engine.runToEnd(run.id())).isEqualTo(RunStatus.SUCCEEDED);

        List<Attempt> attempts = engine.attempts(run.id(), "a");
        assertThat(attempts).extracting(Attempt::tierName, attempt -> attempt.decision().action()).containsExactly(
                tuple("nova", Action.ESCALATE), tuple("claude", Action.SUCCEED));
        assertThat(attempts.get(0).failure()).isEqualTo("model " + UNKNOWN + " on tier nova (Bedrock, region us-east-1,"
                + " endpoint " + bedrock.endpoint() + "): refused the request (unknown model id, or no access to it?)"
                + " (ValidationException) after 1 try: The provided model identifier is invalid.");
        assertThat(attempts.get(0).cost()).isZero();
        // a refused request is not retried
        assertThat(bedrock.callCount(UNKNOWN)).isEqualTo(1);
        assertThat(engine.item(run.id(), "a").status()).isEqualTo(ItemStatus.SUCCEEDED);
        assertSpentIsTheSumOfTheAttempts(engine, run.id(), new BigDecimal("0.00615"));
    }

    @Test
    void aFreeLocalTierBelowABedrockTier() {
        Engine engine = engine("""
                {"tiers": [
                  {"name": "local", "provider": "openai", "baseUrl": "$LOCAL", "model": "qwen2.5-coder:7b",
                   "inputPricePerMillion": 0, "outputPricePerMillion": 0, "mode": "simple", "maxAttempts": 1},
                  {"name": "claude", "provider": "bedrock", "model": "%s", "region": "eu-west-1", "endpoint": "$BEDROCK",
                   "inputPricePerMillion": 3, "outputPricePerMillion": 15, "mode": "simple"}
                ]}""".formatted(CLAUDE));
        local.script("qwen2.5-coder:7b", Reply.text("41").withUsage(900, 10));
        bedrock.script(CLAUDE, ScriptedBedrockServer.Reply.text("42", 2_000, 10));
        Run run = engine.start(TestRuns.run().maxCost("1.00").item("a", "item-a").item("b", "item-b"));

        assertThat(engine.runToEnd(run.id())).isEqualTo(RunStatus.SUCCEEDED);

        for (String item : List.of("a", "b")) {
            List<Attempt> attempts = engine.attempts(run.id(), item);
            assertThat(attempts).as(item).extracting(Attempt::tierName, attempt -> attempt.decision().action())
                    .containsExactly(tuple("local", Action.ESCALATE), tuple("claude", Action.SUCCEED));
            assertThat(attempts.get(0).cost()).isZero();
            assertThat(attempts.get(1).cost()).isEqualByComparingTo("0.00615");
        }
        assertThat(local.callCount("qwen2.5-coder:7b")).isEqualTo(2);
        assertThat(bedrock.callCount(CLAUDE)).isEqualTo(2);
        assertThat(bedrock.requests(CLAUDE)).allSatisfy(request ->
                assertThat(request.authorization()).contains("/eu-west-1/bedrock/aws4_request"));
        assertSpentIsTheSumOfTheAttempts(engine, run.id(), new BigDecimal("0.0123"));
    }
}
