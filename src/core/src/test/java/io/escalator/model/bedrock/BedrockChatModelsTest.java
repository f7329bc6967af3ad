package io.escalator.model.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.cost.TokenUsage;
import io.escalator.ladder.LadderLoader;
import io.escalator.ladder.Tier;
import io.escalator.model.ChatPrompt;
import io.escalator.model.ModelCallException;
import io.escalator.model.ModelReply;
import io.escalator.model.retry.ModelRetryPolicy;
import io.escalator.testing.ScriptedBedrockServer;
import io.escalator.testing.ScriptedBedrockServer.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class BedrockChatModelsTest {

    private static final String CHEAP = "amazon.nova-micro-v1:0";
    private static final ModelRetryPolicy FAST_RETRIES =
            new ModelRetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(1), Duration.ofSeconds(5));

    private static ScriptedBedrockServer server;
    private static BedrockChatModels models;

    @BeforeAll
    static void start() {
        server = ScriptedBedrockServer.start();
        models = new BedrockChatModels(FAST_RETRIES,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Tier tier(String model) {
        return new LadderLoader(name -> null).parse("""
                {"tiers": [{"name": "nova", "provider": "bedrock", "model": "%s", "region": "us-east-1",
                            "endpoint": "%s", "maxOutputTokens": 321,
                            "inputPricePerMillion": 0.035, "outputPricePerMillion": 0.14}]}"""
                .formatted(model, server.endpoint()), "bedrock.json").tier(0);
    }

    private static Tier tierWithoutRegion(String model) {
        return new LadderLoader(name -> null).parse("""
                {"tiers": [{"name": "nova", "provider": "bedrock", "model": "%s", "endpoint": "%s",
                            "inputPricePerMillion": 0.035, "outputPricePerMillion": 0.14}]}"""
                .formatted(model, server.endpoint()), "bedrock.json").tier(0);
    }

    @Test
    void aCallSendsTheSystemPromptAndTheUserMessageAndReturnsTheReportedUsage() throws ModelCallException {
        String model = "us.amazon.nova-lite-v1:0";
        server.script(model, Reply.text("def add(a, b):\n    return a + b", 1234, 56));

        ModelReply reply = models.chat(tier(model), tier(model).modelFor(io.escalator.ladder.AgentRole.GENERATOR),
                new ChatPrompt("You write Python.", "Write add(a, b).", "add"));

        assertThat(reply.text()).isEqualTo("def add(a, b):\n    return a + b");
        assertThat(reply.usage()).isEqualTo(new TokenUsage(1234, 56));
        assertThat(reply.usageCounted()).isFalse();
        ScriptedBedrockServer.Request request = server.requests(model).getFirst();
        assertThat(request.system()).isEqualTo("You write Python.");
        assertThat(request.user()).isEqualTo("Write add(a, b).");
        assertThat(request.maxTokens()).isEqualTo(321);
        assertThat(request.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/").contains("/us-east-1/bedrock/");
    }

    @Test
    void throttlingIsRetriedThenSucceeds() throws ModelCallException {
        String model = "throttled-then-fine";
        server.script(model, Reply.throttled(), Reply.throttled(), Reply.text("ok", 10, 2));

        ModelReply reply = models.chat(tier(model), tier(model).modelFor(io.escalator.ladder.AgentRole.GENERATOR),
                new ChatPrompt("s", "u", "i"));

        assertThat(reply.usage()).isEqualTo(new TokenUsage(10, 2));
        assertThat(server.callCount(model)).isEqualTo(3);
    }

    @Test
    void throttlingThatLastsIsAFailedCallWithTheReason() {
        String model = "always-throttled";
        server.script(model, Reply.throttled());

        assertThatThrownBy(() -> models.chat(tier(model), tier(model).modelFor(io.escalator.ladder.AgentRole.GENERATOR),
                new ChatPrompt("s", "u", "i")))
                .isInstanceOf(ModelCallException.class)
                .hasMessageStartingWith("model always-throttled on tier nova (Bedrock, region us-east-1, endpoint "
                        + server.endpoint() + "): throttled (ThrottlingException) after 3 tries")
                .hasMessageNotContaining("test-secret");
        assertThat(server.callCount(model)).isEqualTo(3);
    }

    @Test
    void anUnknownModelIsAFailedCallAtOnce() {
        String model = "no.such-model-v9:0";

        assertThatThrownBy(() -> models.chat(tier(model), tier(model).modelFor(io.escalator.ladder.AgentRole.GENERATOR),
                new ChatPrompt("s", "u", "i")))
                .isInstanceOf(ModelCallException.class)
                .hasMessageContaining("model no.such-model-v9:0 on tier nova (Bedrock, region us-east-1")
                .hasMessageContaining("(ValidationException) after 1 try: The provided model identifier is invalid.");
        assertThat(server.callCount(model)).isEqualTo(1);
    }

    @Test
    void unavailableAndModelTimeoutsAreRetriedAndNamed() {
        server.script("unavailable", Reply.unavailable());
        server.script("slow", Reply.modelTimeout());

        assertThatThrownBy(() -> models.chat(tier("unavailable"), tier("unavailable").modelFor(
                io.escalator.ladder.AgentRole.GENERATOR), new ChatPrompt("s", "u", "i")))
                .hasMessageContaining("unavailable (ServiceUnavailableException) after 3 tries");
        assertThatThrownBy(() -> models.chat(tier("slow"), tier("slow").modelFor(io.escalator.ladder.AgentRole.GENERATOR),
                new ChatPrompt("s", "u", "i")))
                .hasMessageContaining("timed out in the model (ModelTimeoutException) after 3 tries");
    }

    @Test
    void aTierWithoutARegionTakesTheEnvironmentsOrFailsWithTheReason() throws ModelCallException {
        Tier noRegion = tierWithoutRegion("regionless");
        server.script("regionless", Reply.text("ok", 3, 1));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret"));

        ModelReply reply = new BedrockChatModels(FAST_RETRIES, credentials, () -> java.util.Optional.of("eu-west-3"))
                .chat(noRegion, noRegion.modelFor(io.escalator.ladder.AgentRole.GENERATOR), new ChatPrompt("s", "u", "i"));
        assertThat(reply.usage()).isEqualTo(new TokenUsage(3, 1));
        assertThat(server.requests("regionless").getFirst().authorization()).contains("/eu-west-3/bedrock/");

        assertThatThrownBy(() -> new BedrockChatModels(FAST_RETRIES, credentials, java.util.Optional::empty)
                .chat(noRegion, noRegion.modelFor(io.escalator.ladder.AgentRole.GENERATOR), new ChatPrompt("s", "u", "i")))
                .isInstanceOf(ModelCallException.class)
                .hasMessage("model regionless on tier nova (Bedrock, region unknown, endpoint " + server.endpoint()
                        + "): no AWS region; give the tier a \"region\" or set AWS_REGION");
    }

    @Test
    void noModelAccessIsAFailedCallAtOnceWithBedrocksMessage() {
        server.script("no-access", new Reply.Error(403, "AccessDeniedException",
                "You don't have access to the model with the specified model ID."));

        assertThatThrownBy(() -> models.chat(tier("no-access"), tier("no-access").modelFor(
                io.escalator.ladder.AgentRole.GENERATOR), new ChatPrompt("s", "u", "i")))
                .isInstanceOf(ModelCallException.class)
                .hasMessageEndingWith(": denied access (no model access, or no bedrock:InvokeModel permission)"
                        + " (AccessDeniedException) after 1 try: You don't have access to the model with the specified model ID.");
        assertThat(server.callCount("no-access")).isEqualTo(1);
    }

    @Test
    void anEmptyAnswerIsAFailedCallChargedWithTheReportedUsage() {
        server.script("empty", Reply.text("", 500, 0));

        assertThatThrownBy(() -> models.chat(tier("empty"), tier("empty").modelFor(io.escalator.ladder.AgentRole.GENERATOR),
                new ChatPrompt("s", "u", "i")))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.getMessage()).endsWith("(Bedrock, region us-east-1, endpoint " + server.endpoint()
                            + ") returned an empty answer");
                    assertThat(e.usage()).isEqualTo(new TokenUsage(500, 0));
                });
    }

    @Test
    void anEmptyAnswerCutOffAtMaxTokensSaysSo() {
        server.script("cut-off", Reply.cutOff("", 400, 321));

        assertThatThrownBy(() -> models.chat(tier("cut-off"), tier("cut-off").modelFor(
                io.escalator.ladder.AgentRole.GENERATOR), new ChatPrompt("s", "u", "i")))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.getMessage()).endsWith("returned an empty answer (finish reason LENGTH)");
                    assertThat(e.usage()).isEqualTo(new TokenUsage(400, 321));
                });
    }

    @Test
    void theEnvironmentsRegionIsLookedUpOnceNotOnEveryCall() throws ModelCallException {
        Tier noRegion = tierWithoutRegion("looked-up-once");
        server.script("looked-up-once", Reply.text("ok", 3, 1));
        var lookups = new java.util.concurrent.atomic.AtomicInteger();
        var bedrock = new BedrockChatModels(FAST_RETRIES,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")), () -> {
                    lookups.incrementAndGet();
                    return java.util.Optional.of("ap-southeast-2");
                });

        for (int call = 0; call < 3; call++) {
            bedrock.chat(noRegion, noRegion.modelFor(io.escalator.ladder.AgentRole.GENERATOR), new ChatPrompt("s", "u", "i"));
        }

        assertThat(lookups).hasValue(1);
        assertThat(server.requests("looked-up-once")).hasSize(3)
                .allSatisfy(request -> assertThat(request.authorization()).contains("/ap-southeast-2/bedrock/"));
    }
}
