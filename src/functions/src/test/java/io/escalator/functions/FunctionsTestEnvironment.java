package io.escalator.functions;

import io.escalator.dynamodb.local.EmbeddedDynamoDb;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the functions run against in tests: DynamoDB Local in memory, an OpenAI-protocol server whose answers each test
 * scripts per model behind a three-tier ladder, and a loopback stand-in for the Step Functions API that records the
 * callbacks the application answers. Tests get the two servers injected into fields of their types.
 */
public class FunctionsTestEnvironment implements QuarkusTestResourceLifecycleManager {

    /** $0.10 / $0.40 per million tokens, simple mode, 2 to 3 attempts. */
    public static final String CHEAP = "cheap-model";
    public static final BigDecimal CHEAP_INPUT_PRICE = new BigDecimal("0.10");
    public static final BigDecimal CHEAP_OUTPUT_PRICE = new BigDecimal("0.40");
    /** $0.50 / $1.50 per million tokens, simple mode, 2 to 6 attempts. */
    public static final String CAPABLE = "capable-model";
    public static final BigDecimal CAPABLE_OUTPUT_PRICE = new BigDecimal("1.50");
    /** $5 / $15 per million tokens, full agent team (analyzer, generator, reviewer), 1 attempt. */
    public static final String PREMIUM = "premium-model";
    public static final String STATE_MACHINE_ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:escalation-test";

    private static final String AWS_ACCESS_KEY_PROPERTY = "aws.accessKeyId";
    private static final String AWS_SECRET_KEY_PROPERTY = "aws.secretAccessKey";

    private EmbeddedDynamoDb dynamoDb;
    private ScriptedOpenAiServer models;
    private StepFunctionsApiStub stepFunctionsApi;
    private Path ladderFile;

    @Override
    public Map<String, String> start() {
        dynamoDb = EmbeddedDynamoDb.startInMemory();
        models = ScriptedOpenAiServer.start();
        stepFunctionsApi = StepFunctionsApiStub.start();
        // The application's AWS clients use the default credentials chain, as in a Lambda; DynamoDB Local and the
        // Step Functions stand-in accept any key.
        System.setProperty(AWS_ACCESS_KEY_PROPERTY, "local");
        System.setProperty(AWS_SECRET_KEY_PROPERTY, "local");
        try {
            ladderFile = Files.createTempFile("escalator-functions-ladder", ".json");
            Files.writeString(ladderFile, ladder(models.baseUrl().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "escalator.dynamodb.endpoint", dynamoDb.endpoint().toString(),
                "escalator.ladder-file", ladderFile.toString(),
                "escalator.step-functions.endpoint", stepFunctionsApi.endpoint().toString(),
                "escalator.step-functions.state-machine-arn", STATE_MACHINE_ARN);
    }

    private static String ladder(String baseUrl) {
        return """
                {"tiers": [
                  {"name": "cheap", "provider": "openai", "baseUrl": "%1$s", "model": "%2$s",
                   "apiKey": "sk-test-cheap", "inputPricePerMillion": %5$s, "outputPricePerMillion": %6$s},
                  {"name": "capable", "provider": "openai", "baseUrl": "%1$s", "model": "%3$s",
                   "apiKey": "sk-test-capable", "inputPricePerMillion": 0.50, "outputPricePerMillion": %7$s},
                  {"name": "premium", "provider": "openai", "baseUrl": "%1$s", "model": "%4$s",
                   "apiKey": "sk-test-premium", "inputPricePerMillion": 5, "outputPricePerMillion": 15}
                ]}
                """.formatted(baseUrl, CHEAP, CAPABLE, PREMIUM, CHEAP_INPUT_PRICE.toPlainString(),
                        CHEAP_OUTPUT_PRICE.toPlainString(), CAPABLE_OUTPUT_PRICE.toPlainString());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(models, new TestInjector.MatchesType(ScriptedOpenAiServer.class));
        injector.injectIntoFields(stepFunctionsApi, new TestInjector.MatchesType(StepFunctionsApiStub.class));
    }

    @Override
    public void stop() {
        System.clearProperty(AWS_ACCESS_KEY_PROPERTY);
        System.clearProperty(AWS_SECRET_KEY_PROPERTY);
        try (EmbeddedDynamoDb dynamoDbToStop = dynamoDb; ScriptedOpenAiServer modelsToStop = models;
             StepFunctionsApiStub stepFunctionsApiToStop = stepFunctionsApi) {
            Files.deleteIfExists(ladderFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
