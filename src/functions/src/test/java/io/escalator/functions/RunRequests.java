package io.escalator.functions;

import io.escalator.quality.GateSandbox;
import io.escalator.run.RunSpec;
import io.escalator.sandbox.ChildJvmTestSandbox;
import io.escalator.support.Json;
import io.escalator.workflow.PromptWorkflow;
import io.escalator.workflow.RunRequestParser;
import io.escalator.workflow.Workflows;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/** Run requests as the API receives them: the prompt workflow, answers checked for exactly "42". */
final class RunRequests {

    static final String EXPECTED_ANSWER = "42";
    /** The id of the one item of a run whose request has no items. */
    static final String SINGLE_ITEM = RunRequestParser.SINGLE_ITEM_ID;

    private RunRequests() {
    }

    /** A run whose estimate is well under the default approval line. */
    static RunSpec prompt(String objective) {
        return parse("""
                {"workflow": "prompt", "objective": "%s", "gates": [{"type": "equals", "value": "%s"}]}"""
                .formatted(objective, EXPECTED_ANSWER));
    }

    /** A run with an approval line of 0: any estimate above nothing waits for a person. */
    static RunSpec needingApproval(String objective) {
        return parse("""
                {"workflow": "prompt", "objective": "%s", "gates": [{"type": "equals", "value": "%s"}],
                 "autoApproveUnder": 0}""".formatted(objective, EXPECTED_ANSWER));
    }

    /** A run whose approval line is {@code line}, USD: it waits for a person before spending more than that. */
    static RunSpec withApprovalLine(String objective, BigDecimal line) {
        return parse("""
                {"workflow": "prompt", "objective": "%s", "gates": [{"type": "equals", "value": "%s"}],
                 "autoApproveUnder": %s}""".formatted(objective, EXPECTED_ANSWER, line.toPlainString()));
    }

    /** Only parses requests: the sandbox of tests gates is never run here. */
    private static final Workflows WORKFLOWS = new Workflows(List.of(new PromptWorkflow(
            new GateSandbox(new ChildJvmTestSandbox(), Duration.ofSeconds(30)))));

    private static RunSpec parse(String json) {
        return RunRequestParser.parse(Json.readTree(json), WORKFLOWS);
    }
}
