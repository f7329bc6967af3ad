package io.escalator.deployment;

import static io.escalator.deployment.SamTemplate.GATE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalator.deployment.Permissions.Grant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Least privilege in the template's own policies. (SAM adds AWSLambdaBasicExecutionRole to each function role, for
 * writing its logs; that is outside this template's text and not checked here.)
 */
class IamLeastPrivilegeTest {

    /**
     * Actions that AWS only grants on Resource "*", with why:
     * <ul>
     * <li>states:SendTask*: no resource-level permissions; the task token names the execution. Needed by whoever
     * answers an approval callback.</li>
     * <li>logs:*LogDelivery, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups: CloudWatch Logs' log
     * delivery API, which Step Functions uses to send a state machine's logs to a log group, has no resource-level
     * permissions. They configure delivery; none reads or writes log content.</li>
     * </ul>
     */
    static final Set<String> CALLBACK_ACTIONS = Set.of("states:SendTaskSuccess", "states:SendTaskFailure",
            "states:SendTaskHeartbeat");
    static final Set<String> LOG_DELIVERY_ACTIONS = Set.of("logs:CreateLogDelivery", "logs:GetLogDelivery",
            "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy",
            "logs:DescribeResourcePolicies", "logs:DescribeLogGroups");

    static final Set<String> LADDER_READERS = Set.of("EstimateFunction", "ExecuteTierFunction", "DecideFunction",
            "FinalizeFunction", "ApiFunction");

    private final SamTemplate template = SamTemplate.repository();
    private final Map<String, List<Grant>> grants = new Permissions(template).byPrincipal();
    /** Every readable statement; opaque policies are refused by {@link #everyPolicyIsReadableHere()}. */
    private final List<Grant> all = new Permissions(template).all().stream().filter(g -> !g.opaque()).toList();

    @Test
    void everyPolicyIsReadableHere() {
        assertThat(grants).containsOnlyKeys("EstimateFunction", "ExecuteTierFunction", "DecideFunction",
                "FinalizeFunction", "RecordApprovalTokenFunction", "CleanupFunction", GATE, "ApiFunction",
                "EscalationStateMachine");
        assertThat(new Permissions(template).all()).as("AWS managed policies, policy templates or outside policies "
                + "(their statements cannot be checked here)").noneMatch(Grant::opaque);
        assertThat(all).as("only Allow statements with Action and Resource (no NotAction, NotResource)")
                .allSatisfy(g -> {
                    assertThat(g.statement().path("Effect").asText()).as(g.toString()).isEqualTo("Allow");
                    assertThat(g.actions()).as(g.toString()).isNotEmpty();
                    assertThat(g.resources()).as(g.toString()).isNotEmpty();
                    assertThat(g.statement().has("NotAction") || g.statement().has("NotResource")).as(g.toString()).isFalse();
                });
    }

    @Test
    void noWildcardActions() {
        assertThat(all).allSatisfy(g -> assertThat(g.actions()).as(g.toString()).noneMatch(a -> a.contains("*")));
    }

    @Test
    void resourceStarOnlyWhereAwsRequiresIt() {
        for (Grant grant : all) {
            if (grant.allResources()) {
                boolean callbacks = CALLBACK_ACTIONS.containsAll(grant.actions());
                boolean logDelivery = LOG_DELIVERY_ACTIONS.containsAll(grant.actions())
                        && grant.principal().equals("EscalationStateMachine");
                assertThat(callbacks || logDelivery).as("Resource \"*\" for actions that have resource-level "
                        + "permissions: " + grant).isTrue();
            } else {
                // Every other Resource names something this template creates or is given as a parameter.
                assertThat(grant.resources()).as(grant.toString()).allSatisfy(resource ->
                        assertThat(Permissions.references(resource)).as("what %s refers to", resource).isNotEmpty()
                                .allSatisfy(name -> assertThat(template.root().path("Resources").has(name)
                                        || template.root().path("Parameters").has(name)).as(name).isTrue()));
            }
        }
    }

    @Test
    void onlyTheApiAndRecordApprovalTokenAnswerCallbacks() {
        assertThat(principalsWith(a -> a.startsWith("states:SendTask")))
                .containsExactlyInAnyOrder("ApiFunction", "RecordApprovalTokenFunction");
    }

    @Test
    void onlyTheApiStartsExecutionsOfTheEscalationMachine() {
        assertThat(principalsWith(a -> a.equals("states:StartExecution"))).containsExactly("ApiFunction");
        assertThat(statementsWith(a -> a.equals("states:StartExecution"))).allSatisfy(g -> {
            assertThat(g.actions()).containsExactly("states:StartExecution");
            assertThat(g.resources()).singleElement()
                    .satisfies(r -> assertThat(SamTemplate.refTarget(r)).contains("EscalationStateMachine"));
        });
        assertThat(principalsWith(a -> a.startsWith("states:") && !a.startsWith("states:SendTask")
                && !a.equals("states:StartExecution"))).as("other Step Functions actions").isEmpty();
    }

    @Test
    void cleanupHasNoSecretsAndNoLadder() {
        assertThat(grants.get("CleanupFunction").stream().flatMap(g -> g.actions().stream()))
                .isNotEmpty()
                .noneMatch(a -> a.startsWith("secretsmanager:") || a.startsWith("ssm:") || a.startsWith("kms:"));
        assertThat(SamTemplate.environment(template.function("CleanupFunction"), "ESCALATOR_LADDER_PARAMETER")).isEmpty();
    }

    /**
     * The functions that load the ladder read its parameter and exactly the listed secrets; the others read neither.
     * (A function given ESCALATOR_LADDER_PARAMETER without both would fail at start.)
     */
    @Test
    void exactlyTheLadderReadersReadTheLadderAndTheListedSecrets() {
        Set<String> withParameter = new TreeSet<>();
        template.functions().forEach((id, function) -> {
            if (SamTemplate.environment(function, "ESCALATOR_LADDER_PARAMETER").isPresent()) {
                withParameter.add(id);
                assertThat(SamTemplate.refTarget(function.path("Environment").path("Variables")
                        .path("ESCALATOR_LADDER_PARAMETER"))).as(id).contains("LadderParameter");
            }
        });
        assertThat(withParameter).isEqualTo(new TreeSet<>(LADDER_READERS));
        assertThat(principalsWith(a -> a.startsWith("ssm:"))).isEqualTo(new TreeSet<>(LADDER_READERS));
        assertThat(principalsWith(a -> a.startsWith("secretsmanager:"))).isEqualTo(new TreeSet<>(LADDER_READERS));

        assertThat(statementsWith(a -> a.startsWith("ssm:"))).allSatisfy(g -> {
            assertThat(g.actions()).as(g.toString()).containsExactly("ssm:GetParameter");
            assertThat(g.resources()).as(g.toString()).singleElement()
                    .satisfies(r -> assertThat(Permissions.references(r)).containsExactly("LadderParameter"));
        });
        assertThat(template.root().path("Parameters").path("ModelApiKeySecretArns").path("Type").asText())
                .isEqualTo("CommaDelimitedList");
        assertThat(statementsWith(a -> a.startsWith("secretsmanager:"))).allSatisfy(g -> {
            assertThat(g.actions()).as(g.toString()).containsExactly("secretsmanager:GetSecretValue");
            assertThat(g.resources()).as(g.toString()).singleElement()
                    .satisfies(r -> assertThat(SamTemplate.refTarget(r).orElse("")).isIn("ModelApiKeySecretArns",
                            "UserIdKeySecret"));
        });
    }

    /** Only ExecuteTier calls models, so only it may invoke Bedrock, and only the models the BedrockModelArns name. */
    @Test
    void onlyExecuteTierInvokesBedrockAndOnlyTheLadderModels() {
        assertThat(template.root().path("Parameters").path("BedrockModelArns").path("Type").asText())
                .isEqualTo("CommaDelimitedList");
        assertThat(principalsWith(a -> a.startsWith("bedrock:"))).containsExactly("ExecuteTierFunction");
        assertThat(statementsWith(a -> a.startsWith("bedrock:"))).isNotEmpty().allSatisfy(g -> {
            assertThat(g.actions()).as(g.toString()).containsExactly("bedrock:InvokeModel");
            assertThat(g.resources()).as(g.toString()).singleElement()
                    .satisfies(r -> assertThat(SamTemplate.refTarget(r)).contains("BedrockModelArns"));
        });
    }

    /** Only the API hashes user ids, so only it reads their key, and it is told where the key is. */
    @Test
    void onlyTheApiReadsTheUserIdKey() {
        assertThat(all.stream()
                .filter(g -> g.resources().stream().anyMatch(r -> SamTemplate.refTarget(r).orElse("").equals("UserIdKeySecret")))
                .map(Grant::principal).distinct()).containsExactly("ApiFunction");
        template.functions().forEach((id, function) -> assertThat(
                SamTemplate.environment(function, "ESCALATOR_TELEMETRY_USER_ID_KEY_SECRET").isPresent())
                .as(id).isEqualTo(id.equals("ApiFunction")));
        assertThat(SamTemplate.refTarget(template.function("ApiFunction").path("Environment").path("Variables")
                .path("ESCALATOR_TELEMETRY_USER_ID_KEY_SECRET"))).contains("UserIdKeySecret");
    }

    @Test
    void runTableAccessIsScopedToTheRunTableWithoutScan() {
        List<Grant> dynamoDb = statementsWith(a -> a.startsWith("dynamodb:"));
        assertThat(dynamoDb).isNotEmpty().allSatisfy(g -> {
            assertThat(g.actions()).as(g.toString()).allMatch(a -> a.startsWith("dynamodb:"))
                    .doesNotContain("dynamodb:Scan", "dynamodb:CreateTable", "dynamodb:DeleteTable", "dynamodb:UpdateTable");
            assertThat(g.resources()).as(g.toString())
                    .allSatisfy(r -> assertThat(Permissions.references(r)).containsExactly("RunTable"));
        });
        Set<String> engineFunctions = new TreeSet<>(template.functions().keySet());
        engineFunctions.remove(GATE);
        assertThat(principalsWith(a -> a.startsWith("dynamodb:"))).as("every function but the gate uses the run table")
                .isEqualTo(engineFunctions);
    }

    /** The state machine invokes the five step functions' aliases and nothing else (no $LATEST, no version). */
    @Test
    void theStateMachineInvokesOnlyTheFunctionAliases() {
        List<Grant> invokes = grants.get("EscalationStateMachine").stream()
                .filter(g -> g.actions().contains("lambda:InvokeFunction")).toList();
        assertThat(invokes).singleElement().satisfies(g -> {
            assertThat(g.actions()).containsExactly("lambda:InvokeFunction");
            assertThat(g.resources().stream().map(r -> SamTemplate.refTarget(r).orElse(r.toString())))
                    .containsExactlyInAnyOrder("EstimateFunction.Alias", "ExecuteTierFunction.Alias",
                            "DecideFunction.Alias", "FinalizeFunction.Alias", "RecordApprovalTokenFunction.Alias");
        });
        assertThat(principalsWith(a -> a.startsWith("lambda:")))
                .containsExactlyInAnyOrder("EscalationStateMachine", "ExecuteTierFunction");
    }

    /**
     * The gate runs generated code, which can read the temporary credentials Lambda gives the function: its role lets
     * Lambda assume it and grants nothing, not even logs, and nothing else in the template attaches a policy to it.
     */
    @Test
    void theGateFunctionsRoleGrantsNothing() {
        JsonNode gate = template.resource(GATE).path("Properties");
        assertThat(Permissions.strings(gate.path("Role").path("Fn::GetAtt"))).as(GATE + " Role")
                .containsExactly("RunGateRole", "Arn");
        assertThat(gate.has("Policies")).as(GATE + " Policies (SAM would make a role of its own with them)").isFalse();
        assertThat(grants.get(GATE)).isEmpty();

        JsonNode role = template.resource("RunGateRole");
        assertThat(role.path("Type").asText()).isEqualTo("AWS::IAM::Role");
        assertThat(role.path("Properties").fieldNames()).toIterable().as("RunGateRole properties")
                .doesNotContain("Policies", "ManagedPolicyArns")
                .containsOnly("Description", "AssumeRolePolicyDocument");
        assertThat(role.path("Properties").path("AssumeRolePolicyDocument").path("Statement")).singleElement()
                .satisfies(trust -> {
                    assertThat(trust.path("Effect").asText()).isEqualTo("Allow");
                    assertThat(trust.path("Principal").path("Service").asText()).isEqualTo("lambda.amazonaws.com");
                    assertThat(trust.path("Action").asText()).isEqualTo("sts:AssumeRole");
                });
        // An AWS::IAM::Policy, ManagedPolicy or RolePolicy naming the role would give it an inline or managed policy.
        assertThat(resourcesReferring("RunGateRole")).as("resources that refer to RunGateRole").containsExactly(GATE);
    }

    /** Only the tier executor invokes the gate, and only its alias: no event, no URL, no resource-based permission. */
    @Test
    void onlyTheTierExecutorInvokesTheGate() {
        List<Grant> invokes = all.stream().filter(g -> g.resources().stream()
                .anyMatch(r -> Permissions.references(r).contains(GATE))).toList();
        assertThat(invokes).singleElement().satisfies(g -> {
            assertThat(g.principal()).isEqualTo("ExecuteTierFunction");
            assertThat(g.actions()).containsExactly("lambda:InvokeFunction");
            assertThat(g.resources()).singleElement()
                    .satisfies(r -> assertThat(SamTemplate.refTarget(r)).contains(GATE + ".Alias"));
        });
        assertThat(template.function(GATE).path("Events").isMissingNode()).as(GATE + " Events").isTrue();
        assertThat(resourcesReferring(GATE)).as("resources that refer to the gate")
                .containsExactly("ExecuteTierFunction");
    }

    /** Logical ids of the resources whose properties refer to {@code logicalId} (Ref, GetAtt, Sub). */
    private Set<String> resourcesReferring(String logicalId) {
        Set<String> referring = new TreeSet<>();
        template.root().path("Resources").properties().forEach(resource -> {
            if (Permissions.references(resource.getValue()).contains(logicalId)) {
                referring.add(resource.getKey());
            }
        });
        return referring;
    }

    private Set<String> principalsWith(Predicate<String> action) {
        return all.stream().filter(g -> g.actions().stream().anyMatch(action))
                .map(Grant::principal).collect(Collectors.toCollection(TreeSet::new));
    }

    private List<Grant> statementsWith(Predicate<String> action) {
        return all.stream().filter(g -> g.actions().stream().anyMatch(action)).toList();
    }
}
