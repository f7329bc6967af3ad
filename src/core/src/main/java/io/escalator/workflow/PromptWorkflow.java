package io.escalator.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.escalator.model.TaskContext;
import io.escalator.quality.AnswerCheck;
import io.escalator.quality.GateCheck;
import io.escalator.quality.GateSandbox;
import io.escalator.quality.Gates;
import io.escalator.run.Attempt;
import io.escalator.run.ItemSpec;
import io.escalator.validation.FieldErrors;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * The generic workflow: an objective, items (or the objective as the single item), and gates that check each
 * answer ({@code contains}, {@code equals}, {@code regex}, {@code json-schema}, and {@code tests}: JUnit tests run
 * against a Java answer in the sandbox).
 */
@ApplicationScoped
public class PromptWorkflow implements Workflow {

    public static final String NAME = "prompt";

    private final GateSandbox sandbox;

    public PromptWorkflow(GateSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> fields() {
        return Set.of("objective", "items", "gates");
    }

    @Override
    public WorkflowRequest parse(JsonNode body, FieldErrors errors) {
        String objective = RunRequestParser.text(body, "objective", errors);
        List<ItemSpec> items = RunRequestParser.itemsOrObjective(body, objective, errors);
        JsonNode gates = RunRequestParser.gates(body, true, errors, sandbox);
        return new WorkflowRequest(objective, items, gates, JsonNodeFactory.instance.objectNode());
    }

    @Override
    public TaskContext task(RunDefinition run, ItemSpec item, List<Attempt> history) {
        return new TaskContext(run.objective(), item.input(), history);
    }

    @Override
    public AnswerCheck answerCheck(RunDefinition run, ItemSpec item) {
        return new GateCheck(Gates.parse(run.gates(), "gates", new FieldErrors(), sandbox));
    }
}
