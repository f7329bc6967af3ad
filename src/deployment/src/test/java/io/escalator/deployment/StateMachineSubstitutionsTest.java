package io.escalator.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The state machine definition's {@code ${Name}} placeholders and the template's DefinitionSubstitutions match
 * exactly: SAM replaces only the keys it is given, so a placeholder without a substitution would reach Step
 * Functions as a literal "${Name}", and a substitution without a placeholder is a wiring mistake.
 */
class StateMachineSubstitutionsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private final JsonNode machine = SamTemplate.repository().resource("EscalationStateMachine").path("Properties");

    @Test
    void placeholdersAndSubstitutionsMatchExactly() throws IOException {
        Set<String> placeholders = placeholders(definition());
        Set<String> substitutions = new TreeSet<>();
        machine.path("DefinitionSubstitutions").fieldNames().forEachRemaining(substitutions::add);

        assertThat(placeholders).as("placeholders in " + LambdaPackagesTest.ASL).isNotEmpty();
        assertThat(substitutions).as("DefinitionSubstitutions keys without a placeholder in the definition")
                .isSubsetOf(placeholders);
        assertThat(placeholders).as("placeholders in the definition without a DefinitionSubstitutions key")
                .isSubsetOf(substitutions);
    }

    /** SnapStart runs published versions only: every function the machine invokes is its alias, not $LATEST. */
    @Test
    void everySubstitutionIsAFunctionAlias() {
        Map<String, String> expected = Map.of(
                "EstimateFunctionArn", "EstimateFunction",
                "ExecuteTierFunctionArn", "ExecuteTierFunction",
                "DecideFunctionArn", "DecideFunction",
                "FinalizeFunctionArn", "FinalizeFunction",
                "RecordApprovalTokenFunctionArn", "RecordApprovalTokenFunction");
        JsonNode substitutions = machine.path("DefinitionSubstitutions");
        assertThat(substitutions.size()).isEqualTo(expected.size());
        expected.forEach((key, function) -> assertThat(SamTemplate.refTarget(substitutions.path(key)))
                .as("DefinitionSubstitutions.%s", key).contains(function + ".Alias"));
    }

    /**
     * A Task state's TimeoutSeconds is at least the Lambda timeout of the function it invokes: otherwise the state
     * times out (and may be retried) while the first invocation still runs.
     */
    @Test
    void functionTimeoutsFitTheirTaskTimeouts() throws IOException {
        Map<String, String> functionOfPlaceholder = new java.util.HashMap<>();
        machine.path("DefinitionSubstitutions").properties().forEach(e -> SamTemplate.refTarget(e.getValue())
                .ifPresent(target -> functionOfPlaceholder.put("${" + e.getKey() + "}", target.replace(".Alias", ""))));
        Map<String, JsonNode> functions = SamTemplate.repository().functions();
        int checked = 0;
        for (JsonNode state : tasks(definition())) {
            String invoked = state.path("Resource").asText().startsWith("arn:aws:states:::lambda:invoke")
                    ? state.path("Parameters").path("FunctionName").asText() : state.path("Resource").asText();
            String function = functionOfPlaceholder.get(invoked);
            if (function == null || !state.has("TimeoutSeconds")) {
                continue; // not one of ours, or a callback whose timeout is the wait for a person (TimeoutSecondsPath)
            }
            assertThat(functions.get(function).path("Timeout").asInt())
                    .as("Lambda timeout of %s vs TimeoutSeconds of the state invoking it", function)
                    .isLessThanOrEqualTo(state.path("TimeoutSeconds").asInt());
            checked++;
        }
        assertThat(checked).as("Task states with a TimeoutSeconds that invoke our functions").isPositive();
    }

    /** Every Task state, nested ones (Parallel branches, Map item processors) included. */
    private static java.util.List<JsonNode> tasks(JsonNode definition) {
        java.util.List<JsonNode> tasks = new java.util.ArrayList<>();
        definition.path("States").forEach(state -> {
            if ("Task".equals(state.path("Type").asText())) {
                tasks.add(state);
            }
            state.path("Branches").forEach(branch -> tasks.addAll(tasks(branch)));
            tasks.addAll(tasks(state.path("ItemProcessor")));
            tasks.addAll(tasks(state.path("Iterator")));
        });
        return tasks;
    }

    @Test
    void placeholderScanFindsEveryPlaceholder() throws IOException {
        JsonNode sample = new ObjectMapper().readTree("""
                {"States": {"A": {"Resource": "${AArn}", "Next": "B"},
                            "B": {"Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                                  "Parameters": {"FunctionName": "${BArn}", "Payload": {"x.$": "$.x", "${Key}": 1}},
                                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "${Target}"}], "End": true}}}
                """);
        assertThat(placeholders(sample)).containsExactly("AArn", "BArn", "Key", "Target");
    }

    @Test
    void theMachineIsStandardAndReadsTheRepositoryDefinition() {
        assertThat(machine.path("Type").asText()).as("callbacks (waitForTaskToken) need STANDARD").isEqualTo("STANDARD");
        assertThat(machine.path("DefinitionUri").asText()).isEqualTo(LambdaPackagesTest.ASL);
        assertThat(machine.has("Definition")).as("the definition lives in its own file, not inline").isFalse();
    }

    private static JsonNode definition() throws IOException {
        Path file = Repository.builtFile(LambdaPackagesTest.ASL,
                "The state machine definition (written with src/functions) is missing.");
        return new ObjectMapper().readTree(file.toFile());
    }

    /** Every ${...} in any string of the definition, keys included. */
    static Set<String> placeholders(JsonNode node) {
        Set<String> found = new TreeSet<>();
        collect(node, found);
        return found;
    }

    private static void collect(JsonNode node, Set<String> found) {
        if (node.isTextual()) {
            Matcher matcher = PLACEHOLDER.matcher(node.asText());
            while (matcher.find()) {
                found.add(matcher.group(1));
            }
        } else if (node.isContainerNode()) {
            node.properties().forEach(e -> {
                collect(JsonNodeFactory.instance.textNode(e.getKey()), found);
                collect(e.getValue(), found);
            });
            if (node.isArray()) {
                node.forEach(child -> collect(child, found));
            }
        }
    }
}
