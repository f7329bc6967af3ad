package io.escalator.deployment;

import static io.escalator.deployment.SamTemplate.GATE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.escalator.aws.LambdaTestSandbox;
import io.escalator.config.EscalatorConfig;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.LadderLoader;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

/** The settings the template gives the functions, checked against what the code reads and what SnapStart needs. */
class TemplateConfigurationTest {

    private final SamTemplate template = SamTemplate.repository();
    private final JsonNode root = template.root();

    /** SnapStart runs published versions: each function publishes one and the alias live points at it. */
    @Test
    void everyFunctionRunsJava21WithSnapStartOnAPublishedAlias() {
        template.functions().forEach((id, function) -> {
            assertThat(function.path("Runtime").asText()).as(id + " Runtime").isEqualTo("java21");
            assertThat(function.path("SnapStart").path("ApplyOn").asText()).as(id + " SnapStart").isEqualTo("PublishedVersions");
            assertThat(function.path("AutoPublishAlias").asText()).as(id + " AutoPublishAlias").isEqualTo("live");
            assertThat(function.path("AutoPublishAliasAllProperties").asBoolean()).as(id + " AutoPublishAliasAllProperties").isTrue();
            assertThat(function.path("Architectures")).as(id + " Architectures").hasSize(1);
            assertThat(function.path("MemorySize").asInt()).as(id + " MemorySize").isGreaterThanOrEqualTo(1024);
        });
    }

    /**
     * SAM names a function's new version after the first 10 characters of AutoPublishCodeSha256 when it is not empty,
     * instead of the code's hash (samtranslator LogicalIdGenerator.get_hash). A constant there would stop new code
     * from ever being published, and anything but letters and digits would be an invalid logical id. So it comes
     * from SnapshotRevision, empty (the code hash) unless a deploy gives one.
     */
    @Test
    void snapshotRevisionDefaultsToTheCodeHash() {
        JsonNode parameter = root.path("Parameters").path("SnapshotRevision");
        assertThat(parameter.path("Type").asText()).isEqualTo("String");
        assertThat(parameter.path("Default").isTextual() && parameter.path("Default").asText().isEmpty())
                .as("SnapshotRevision default").isTrue();
        assertThat(parameter.path("AllowedPattern").asText()).isEqualTo("^[A-Za-z0-9]*$");
        template.functions().forEach((id, function) -> assertThat(SamTemplate.refTarget(function.path("AutoPublishCodeSha256")))
                .as(id + " AutoPublishCodeSha256").contains("SnapshotRevision"));
    }

    @Test
    void timeoutsFitTheWork() {
        Map<String, JsonNode> functions = template.functions();
        assertThat(functions.get("ExecuteTierFunction").path("Timeout").asInt()).isEqualTo(900);
        assertThat(functions.get("ApiFunction").path("Timeout").asInt()).as("an HTTP API waits 30 s at most").isLessThanOrEqualTo(30);
        functions.forEach((id, function) -> assertThat(function.path("Timeout").asInt()).as(id + " Timeout").isBetween(1, 900));
    }

    /**
     * The gate outlasts a test run of the default limit with room for compiling and a cold start, and the tier
     * executor waits longer than the gate may run, so it gets Lambda's own answer when the gate runs out of time.
     */
    @Test
    void theGateOutlastsATestRunAndTheTierExecutorOutlastsTheGate() throws NoSuchMethodException {
        Duration testTimeout = Duration.parse(EscalatorConfig.Sandbox.class.getMethod("testTimeout")
                .getAnnotation(WithDefault.class).value());
        assertThat(SamTemplate.environment(template.function("ExecuteTierFunction"), "ESCALATOR_SANDBOX_TEST_TIMEOUT"))
                .as("the tier executor runs tests with the default limit").isEmpty();
        Duration gateTimeout = Duration.ofSeconds(template.function(GATE).path("Timeout").asInt());
        assertThat(gateTimeout).as(GATE + " Timeout").isGreaterThanOrEqualTo(testTimeout.multipliedBy(2))
                .isLessThan(LambdaTestSandbox.readTimeout(testTimeout));
    }

    /** SnapStart takes no ephemeral storage over 512 MB; the gate's snapshot keeps what it writes to /tmp at start-up. */
    @Test
    void ephemeralStorageStaysWithinWhatSnapStartTakes() {
        template.functions().forEach((id, function) -> assertThat(function.path("EphemeralStorage").path("Size").asInt(512))
                .as(id + " EphemeralStorage").isLessThanOrEqualTo(512));
    }

    /**
     * The tier executor runs its gates in the gate function's alias; no other function runs generated code. The gate
     * has no settings of its own (it reads none, whatever it inherits from Globals).
     */
    @Test
    void theTierExecutorRunsItsGatesInTheGateFunction() {
        JsonNode executeTier = template.function("ExecuteTierFunction");
        assertThat(env(executeTier, "ESCALATOR_SANDBOX_RUNNER")).isEqualTo("lambda");
        assertThat(SamTemplate.refTarget(executeTier.path("Environment").path("Variables").path("ESCALATOR_SANDBOX_FUNCTION")))
                .contains(GATE + ".Alias");
        template.functions().forEach((id, function) -> {
            if (!id.equals("ExecuteTierFunction")) {
                assertThat(function.path("Environment").path("Variables").fieldNames()).toIterable().as(id)
                        .noneMatch(name -> name.startsWith("ESCALATOR_SANDBOX_"));
            }
        });
        assertThat(template.resource(GATE).path("Properties").has("Environment")).as(GATE + " Environment").isFalse();
    }

    /** Every environment variable named ESCALATOR_* is a property of EscalatorConfig (so a typo cannot hide). */
    @Test
    void everyEscalatorVariableIsAConfigurationProperty() {
        Set<String> known = configurationVariables(EscalatorConfig.class, "ESCALATOR");
        template.functions().forEach((id, function) -> function.path("Environment").path("Variables").fieldNames()
                .forEachRemaining(name -> {
                    if (name.startsWith("ESCALATOR_")) {
                        assertThat(known).as(id + ": " + name + " is not an EscalatorConfig property").contains(name);
                    }
                }));
    }

    @Test
    void theFunctionsRunAgainstAwsServices() {
        template.functions().forEach((id, function) -> {
            assertThat(env(function, "ESCALATOR_DYNAMODB_TABLE")).as(id).isEqualTo("{\"Ref\":\"RunTable\"}");
            assertThat(env(function, "ESCALATOR_DYNAMODB_EMBEDDED")).as(id).isEqualTo("false");
            assertThat(env(function, "ESCALATOR_DYNAMODB_CREATE_TABLE")).as(id).isEqualTo("false");
            // Also what keeps the local driver from resuming runs when a function starts.
            assertThat(env(function, "ESCALATOR_ORCHESTRATOR")).as(id).isEqualTo("step-functions");
            assertThat(env(function, "ESCALATOR_RETENTION_RUN_DAYS")).as(id).isEqualTo("{\"Ref\":\"RetentionRunDays\"}");
            assertThat(env(function, "ESCALATOR_APPROVAL_DEADLINE")).as(id).isEqualTo("{\"Ref\":\"ApprovalDeadline\"}");
            assertThat(env(function, "ESCALATOR_STEP_FUNCTIONS_HUMAN_REVIEW_TIMEOUT")).as(id)
                    .isEqualTo("{\"Ref\":\"HumanReviewTimeout\"}");
            assertThat(function.path("Environment").path("Variables").fieldNames()).toIterable().as(id)
                    .noneMatch(name -> name.contains("API_KEY") || name.equals("ESCALATOR_LADDER_FILE"));
        });
        template.functions().forEach((id, function) -> assertThat(
                SamTemplate.environment(function, "ESCALATOR_STEP_FUNCTIONS_STATE_MACHINE_ARN").isPresent())
                .as(id + " gets the state machine ARN").isEqualTo(id.equals("ApiFunction")));
        assertThat(env(template.function("ApiFunction"), "ESCALATOR_STEP_FUNCTIONS_STATE_MACHINE_ARN"))
                .isEqualTo("{\"Ref\":\"EscalationStateMachine\"}");
    }

    @Test
    void durationParametersDefaultToValidIso8601() {
        for (String parameter : List.of("ApprovalDeadline", "HumanReviewTimeout")) {
            String value = root.path("Parameters").path(parameter).path("Default").asText();
            assertThat(Duration.parse(value)).as(parameter).isPositive();
            assertThat(value).as(parameter + " AllowedPattern")
                    .matches(root.path("Parameters").path(parameter).path("AllowedPattern").asText());
        }
        assertThat(root.path("Parameters").path("ApprovalDeadline").path("Default").asText()).isEqualTo("PT24H");
        assertThat(root.path("Parameters").path("HumanReviewTimeout").path("Default").asText()).isEqualTo("P7D");
        assertThat(root.path("Parameters").path("RetentionRunDays").path("Default").asInt()).isEqualTo(30);
    }

    /**
     * The default ladder is infra/ladders/openai.json with its key read from Secrets Manager instead of an environment
     * variable, and the engine's own loader accepts it.
     */
    @Test
    void defaultLadderIsTheOpenAiExampleWithItsKeyInSecretsManager() throws IOException {
        String json = root.path("Parameters").path("LadderJson").path("Default").asText();
        assertThat(json.getBytes(StandardCharsets.UTF_8).length).as("SSM standard tier, CloudFormation parameter")
                .isLessThanOrEqualTo(4096);
        List<String> secretsRead = new ArrayList<>();
        Ladder ladder = new LadderLoader(name -> null, id -> {
            secretsRead.add(id);
            return Optional.of("sk-test");
        }).parse(json, "template.yaml LadderJson default");
        assertThat(ladder.size()).isEqualTo(3);
        assertThat(secretsRead).containsOnly("escalator/openai-api-key");

        ObjectMapper mapper = new ObjectMapper();
        JsonNode expected = mapper.readTree(Repository.root().resolve("infra/ladders/openai.json").toFile());
        expected.path("tiers").forEach(tier -> {
            ((ObjectNode) tier).remove("apiKeyEnv");
            ((ObjectNode) tier).put("apiKeySecret", "escalator/openai-api-key");
        });
        // Read as doubles: 0.10 and 0.1 are the same price.
        assertThat(mapper.readTree(json)).isEqualTo(expected);
    }

    @Test
    void theLadderParameterHoldsLadderJson() {
        JsonNode parameter = template.resource("LadderParameter");
        assertThat(parameter.path("Type").asText()).isEqualTo("AWS::SSM::Parameter");
        assertThat(SamTemplate.refTarget(parameter.path("Properties").path("Value"))).contains("LadderJson");
        assertThat(parameter.path("Properties").path("Type").asText()).as("not a secret: keys stay in Secrets Manager")
                .isEqualTo("String");
    }

    @Test
    void everyLogGroupHasARetention() {
        Set<String> groupsUsed = new TreeSet<>();
        template.functions().forEach((id, function) -> {
            assertThat(SamTemplate.refTarget(function.path("LoggingConfig").path("LogGroup"))).as(id + " LoggingConfig.LogGroup")
                    .hasValueSatisfying(group -> assertThat(groupsUsed.add(group)).as(group + " used twice").isTrue());
        });
        JsonNode destinations = template.resource("EscalationStateMachine").path("Properties").path("Logging").path("Destinations");
        assertThat(destinations).hasSize(1);
        groupsUsed.add(destinations.path(0).path("CloudWatchLogsLogGroup").path("LogGroupArn").path("Fn::GetAtt").path(0).asText());

        Map<String, JsonNode> logGroups = template.resourcesOfType("AWS::Logs::LogGroup");
        assertThat(logGroups.keySet()).isEqualTo(groupsUsed);
        logGroups.forEach((id, group) -> assertThat(SamTemplate.refTarget(group.path("Properties").path("RetentionInDays")))
                .as(id + " RetentionInDays").contains("LogRetentionDays"));
    }

    /** One $default route sends every request to the API function's alias, which only this API may invoke. */
    @Test
    void theApiIsOneCatchAllRouteToTheApiFunctionsAlias() {
        assertThat(template.resource("HttpApi").path("Properties").path("ProtocolType").asText()).isEqualTo("HTTP");
        assertThat(template.resourcesOfType("AWS::ApiGatewayV2::Route")).containsOnlyKeys("HttpApiRoute");
        JsonNode route = template.resource("HttpApiRoute").path("Properties");
        assertThat(SamTemplate.refTarget(route.path("ApiId"))).contains("HttpApi");
        assertThat(route.path("RouteKey").asText()).isEqualTo("$default");
        assertThat(route.path("Target").path("Fn::Sub").asText()).isEqualTo("integrations/${HttpApiIntegration}");

        JsonNode integration = template.resource("HttpApiIntegration").path("Properties");
        assertThat(integration.path("IntegrationType").asText()).isEqualTo("AWS_PROXY");
        assertThat(integration.path("PayloadFormatVersion").asText()).as("the event the Lambda adapter reads").isEqualTo("2.0");
        assertThat(SamTemplate.refTarget(integration.path("IntegrationUri"))).contains("ApiFunction.Alias");

        JsonNode stage = template.resource("HttpApiStage").path("Properties");
        assertThat(stage.path("StageName").asText()).isEqualTo("$default");
        assertThat(stage.path("AutoDeploy").asBoolean()).isTrue();
        assertThat(stage.path("DefaultRouteSettings").path("ThrottlingRateLimit").asInt()).isPositive();

        assertThat(template.resourcesOfType("AWS::Lambda::Permission")).containsOnlyKeys("HttpApiInvokesApiFunction");
        JsonNode permission = template.resource("HttpApiInvokesApiFunction").path("Properties");
        assertThat(permission.path("Principal").asText()).isEqualTo("apigateway.amazonaws.com");
        assertThat(permission.path("Action").asText()).isEqualTo("lambda:InvokeFunction");
        assertThat(SamTemplate.refTarget(permission.path("FunctionName"))).contains("ApiFunction.Alias");
        assertThat(permission.path("SourceArn").path("Fn::Sub").asText()).endsWith(":${HttpApi}/*");

        template.functions().forEach((id, function) -> function.path("Events")
                .forEach(e -> assertThat(e.path("Type").asText()).as(id).isNotIn("HttpApi", "Api")));
        assertThat(template.resourcesOfType("AWS::Serverless::HttpApi")).as("SAM's HttpApi (its Auth takes no Fn::If)")
                .isEmpty();
    }

    /** ApiAuth chooses the route's authorizer: IAM (SigV4), or a JWT of JwtIssuer for JwtAudience. */
    @Test
    void theRouteIsAuthenticatedByIamOrByAJwtAsApiAuthChooses() {
        JsonNode apiAuth = root.path("Parameters").path("ApiAuth");
        assertThat(apiAuth.path("Default").asText()).isEqualTo("IAM");
        List<String> allowed = new ArrayList<>();
        apiAuth.path("AllowedValues").forEach(value -> allowed.add(value.asText()));
        assertThat(allowed).as("what the API function understands")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(EscalatorConfig.Auth.ApiGateway.values()).map(Enum::name).toList());
        assertThat(root.path("Conditions").path("UseJwtAuth").path("Fn::Equals").toString())
                .isEqualTo("[{\"Ref\":\"ApiAuth\"},\"JWT\"]");

        JsonNode route = template.resource("HttpApiRoute").path("Properties");
        assertThat(route.path("AuthorizationType").path("Fn::If").toString()).isEqualTo("[\"UseJwtAuth\",\"JWT\",\"AWS_IAM\"]");
        assertThat(route.path("AuthorizerId").path("Fn::If").toString())
                .isEqualTo("[\"UseJwtAuth\",{\"Ref\":\"HttpApiJwtAuthorizer\"},{\"Ref\":\"AWS::NoValue\"}]");

        JsonNode authorizer = template.resource("HttpApiJwtAuthorizer");
        assertThat(authorizer.path("Condition").asText()).isEqualTo("UseJwtAuth");
        assertThat(authorizer.path("Properties").path("AuthorizerType").asText()).isEqualTo("JWT");
        assertThat(authorizer.path("Properties").path("IdentitySource").toString()).isEqualTo("[\"$request.header.Authorization\"]");
        JsonNode jwt = authorizer.path("Properties").path("JwtConfiguration");
        assertThat(SamTemplate.refTarget(jwt.path("Issuer"))).contains("JwtIssuer");
        assertThat(SamTemplate.refTarget(jwt.path("Audience"))).contains("JwtAudience");
        assertThat(root.path("Parameters").path("JwtAudience").path("Type").asText()).isEqualTo("CommaDelimitedList");

        JsonNode rule = root.path("Rules").path("JwtAuthNeedsIssuerAndAudience");
        assertThat(rule.path("RuleCondition").toString()).isEqualTo("{\"Fn::Equals\":[{\"Ref\":\"ApiAuth\"},\"JWT\"]}");
        assertThat(rule.path("Assertions").toString()).contains("JwtIssuer", "JwtAudience");
    }

    /** The API function takes its caller from the authorizer the template chose, and knows who its admins are. */
    @Test
    void theApiFunctionKnowsHowItsCallersAreAuthenticated() {
        JsonNode api = template.function("ApiFunction");
        assertThat(env(api, "ESCALATOR_AUTH_API_GATEWAY")).isEqualTo("{\"Ref\":\"ApiAuth\"}");
        assertThat(env(api, "ESCALATOR_AUTH_ADMINS")).isEqualTo("{\"Ref\":\"ApiAdminArns\"}");
        assertThat(env(api, "ESCALATOR_AUTH_ADMIN_CLAIM")).isEqualTo("{\"Ref\":\"JwtAdminClaim\"}");
        assertThat(env(api, "ESCALATOR_AUTH_ADMIN_CLAIM_VALUE")).isEqualTo("{\"Ref\":\"JwtAdminValue\"}");
        template.functions().forEach((id, function) -> {
            assertThat(function.path("Environment").path("Variables").fieldNames()).toIterable().as(id)
                    .noneMatch(name -> name.equals("ESCALATOR_AUTH_TOKEN") || name.equals("ESCALATOR_AUTH_DISABLED"));
            if (!id.equals("ApiFunction")) {
                assertThat(function.path("Environment").path("Variables").fieldNames()).toIterable().as(id)
                        .noneMatch(name -> name.startsWith("ESCALATOR_AUTH_"));
            }
        });
    }

    @Test
    void cleanupRunsOnAScheduleWithAnEmptyInput() throws IOException {
        JsonNode events = template.function("CleanupFunction").path("Events");
        assertThat(events).hasSize(1);
        JsonNode event = events.elements().next();
        assertThat(event.path("Type").asText()).isEqualTo("ScheduleV2");
        assertThat(SamTemplate.refTarget(event.path("Properties").path("ScheduleExpression"))).contains("CleanupSchedule");
        assertThat(root.path("Parameters").path("CleanupSchedule").path("Default").asText()).isEqualTo("rate(1 hour)");
        assertThat(new ObjectMapper().readTree(event.path("Properties").path("Input").asText())).isEqualTo(
                new ObjectMapper().createObjectNode());
        template.functions().forEach((id, function) -> {
            if (!id.equals("CleanupFunction") && !id.equals("ApiFunction")) {
                assertThat(function.path("Events").isMissingNode()).as(id + " is invoked by the state machine only").isTrue();
            }
        });
    }

    @Test
    void outputsNameTheApiTheStateMachineAndTheTable() {
        JsonNode outputs = root.path("Outputs");
        assertThat(outputs.path("ApiUrl").path("Value").path("Fn::Sub").asText()).contains("${HttpApi}.execute-api.");
        assertThat(SamTemplate.refTarget(outputs.path("StateMachineArn").path("Value"))).contains("EscalationStateMachine");
        assertThat(SamTemplate.refTarget(outputs.path("RunTableName").path("Value"))).contains("RunTable");
    }

    @Test
    void theNativeVariantIsDocumented() {
        String text = Repository.read(Repository.template());
        assertThat(text).contains("provided.al2023", "-Dnative", "bootstrap", "SnapStart");
    }

    private static String env(JsonNode function, String name) {
        JsonNode value = function.path("Environment").path("Variables").path(name);
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** ESCALATOR_* environment names of a SmallRye config mapping: camelCase methods, nested groups, kebab-case keys. */
    static Set<String> configurationVariables(Class<?> mapping, String prefix) {
        Set<String> names = new TreeSet<>();
        for (Method method : mapping.getDeclaredMethods()) {
            if (method.getParameterCount() != 0 || method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String name = prefix + "_" + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() == EscalatorConfig.class) {
                names.addAll(configurationVariables(type, name));
            } else {
                names.add(name);
            }
        }
        return names;
    }
}
