package io.escalator.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.escalator.engine.DecideStep;
import io.escalator.engine.Steps;
import io.escalator.run.Resolution;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The state machine's definition: valid ASL, and its contract with the functions and with template.yaml. */
class StateMachineDefinitionTest {

    private static final List<String> STEPS_BEFORE_FINALIZE =
            List.of(Steps.ESTIMATE, Steps.WAIT_FOR_APPROVAL, Steps.EXECUTE_TIER, Steps.DECIDE);
    private static final List<String> RETRIED_ERRORS = List.of("Lambda.ServiceException", "Lambda.AWSLambdaException",
            "Lambda.SdkClientException", "Lambda.TooManyRequestsException", TransientStepException.class.getName());

    private static JsonNode states;

    @BeforeAll
    static void read() throws IOException {
        StateMachineInterpreter.requireTools();
        states = new ObjectMapper().readTree(StateMachineInterpreter.DEFINITION.toFile()).get("States");
    }

    @Test
    void aslValidatorFindsTheDefinitionValid() throws Exception {
        Process validator = new ProcessBuilder(StateMachineInterpreter.NODE.toString(),
                "node_modules/.bin/asl-validator", "--json-path", StateMachineInterpreter.DEFINITION.toString())
                .directory(StateMachineInterpreter.TOOLS.toFile()).redirectErrorStream(true).start();
        String report = new String(validator.getInputStream().readAllBytes());

        assertThat(validator.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(validator.exitValue()).as(report).isZero();
        assertThat(report).contains("is valid");
    }

    @Test
    void itsTaskStatesAreTheEnginesSteps() {
        assertThat(StateMachineInterpreter.taskStates()).containsExactlyInAnyOrder(Steps.ESTIMATE,
                Steps.WAIT_FOR_APPROVAL, Steps.EXECUTE_TIER, Steps.DECIDE, Steps.FINALIZE, Steps.WAIT_FOR_HUMAN);
    }

    @Test
    void everyTaskHasATimeoutAndRetriesLambdaFaultsAndTheTransientStepErrorWithBackoff() {
        for (String task : StateMachineInterpreter.taskStates()) {
            JsonNode state = states.get(task);
            if (task.startsWith("WaitFor")) {
                assertThat(state.path("TimeoutSecondsPath").asText()).as(task).isNotEmpty();
            } else {
                assertThat(state.path("TimeoutSeconds").asInt()).as(task)
                        .isEqualTo(task.equals(Steps.EXECUTE_TIER) ? 900 : 60);
            }
            JsonNode retrier = state.path("Retry").path(0);
            assertThat(StreamSupport.stream(retrier.path("ErrorEquals").spliterator(), false).map(JsonNode::asText))
                    .as(task).containsExactlyInAnyOrderElementsOf(RETRIED_ERRORS);
            assertThat(retrier.path("BackoffRate").asDouble()).as(task).isGreaterThan(1);
            assertThat(retrier.path("MaxAttempts").asInt()).as(task).isGreaterThan(1);
            assertThat(retrier.path("JitterStrategy").asText()).as(task).isEqualTo("FULL");
        }
    }

    @Test
    void everyStepBeforeFinalizeHandsAnyErrorToFinalizeAtDollarError() {
        for (String step : STEPS_BEFORE_FINALIZE) {
            JsonNode catcher = states.get(step).path("Catch").path(0);
            assertThat(catcher.path("ErrorEquals").toString()).as(step).isEqualTo("[\"States.ALL\"]");
            assertThat(catcher.path("Next").asText()).as(step).isEqualTo(Steps.FINALIZE);
            assertThat(catcher.path("ResultPath").asText()).as(step).isEqualTo("$.error");
        }
        assertThat(states.get(Steps.FINALIZE).path("Catch").path(0).path("Next").asText()).isEqualTo("FinalizeFailed");
        assertThat(states.get("FinalizeFailed").path("Type").asText()).isEqualTo("Fail");
    }

    @Test
    void everyOutcomeOfDecideLeadsWhereTheLocalDriverGoes() {
        JsonNode decide = states.get(Steps.DECIDE);
        assertThat(decide.has("ResultPath")).as("decide's output, with approvalTimeoutSeconds, becomes the state").isFalse();
        JsonNode choice = states.get(decide.path("Next").asText());
        Map<String, String> next = new HashMap<>();
        for (JsonNode rule : choice.path("Choices")) {
            assertThat(rule.path("Variable").asText()).isEqualTo("$.next");
            next.put(rule.path("StringEquals").asText(), rule.path("Next").asText());
        }

        Map<DecideStep.Next, String> asTheLocalDriver = Map.of(DecideStep.Next.EXECUTE, Steps.EXECUTE_TIER,
                DecideStep.Next.AWAIT_APPROVAL, Steps.WAIT_FOR_APPROVAL, DecideStep.Next.FINALIZE, Steps.FINALIZE);
        for (DecideStep.Next outcome : DecideStep.Next.values()) {
            assertThat(next.getOrDefault(outcome.name(), choice.path("Default").asText())).as(outcome.name())
                    .isEqualTo(asTheLocalDriver.get(outcome));
        }
        assertThat(next.keySet()).as("outcomes the choice tests").isSubsetOf(
                Arrays.stream(DecideStep.Next.values()).map(Enum::name).toList());
        assertThat(states.get(Steps.WAIT_FOR_APPROVAL).path("TimeoutSecondsPath").asText())
                .isEqualTo("$.approvalTimeoutSeconds");
    }

    @Test
    void onlyARetryOnTheTopTierRunsARunOnAfterAPersonResolvedIt() {
        JsonNode waitForHuman = states.get(Steps.WAIT_FOR_HUMAN);
        assertThat(waitForHuman.path("ResultPath").asText()).isEqualTo("$.resolution");
        JsonNode choice = states.get(waitForHuman.path("Next").asText());
        Map<String, String> next = new HashMap<>();
        for (JsonNode rule : choice.path("Choices")) {
            assertThat(rule.path("Variable").asText()).isEqualTo("$.resolution.action");
            next.put(rule.path("StringEquals").asText(), rule.path("Next").asText());
        }

        assertThat(next).containsExactly(Map.entry(Resolution.Action.RETRY_TOP_TIER.value(), Steps.EXECUTE_TIER));
        assertThat(states.get(choice.path("Default").asText()).path("Type").asText()).isEqualTo("Succeed");
    }

    @Test
    void itsPlaceholdersAreTheFunctionArnsTheTemplatePasses() throws IOException {
        Set<String> placeholders = new TreeSet<>();
        Matcher placeholder = Pattern.compile("\\$\\{([^}]+)}").matcher(Files.readString(StateMachineInterpreter.DEFINITION));
        while (placeholder.find()) {
            placeholders.add(placeholder.group(1));
        }

        assertThat(placeholders).containsExactly("DecideFunctionArn", "EstimateFunctionArn", "ExecuteTierFunctionArn",
                "FinalizeFunctionArn", "RecordApprovalTokenFunctionArn");
    }
}
