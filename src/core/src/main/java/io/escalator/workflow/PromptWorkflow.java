package io.escalator.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.escalator.model.TaskContext;
import io.escalator.quality.AnswerCheck;
import io.escalator.quality.GateCheck;
import io.escalator.quality.GateResources;
import io.escalator.quality.GateSandbox;
import io.escalator.quality.Gates;
import io.escalator.quality.RecordedVerdicts;
import io.escalator.run.Attempt;
import io.escalator.run.ItemSpec;
import io.escalator.validation.FieldErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * The generic workflow: an objective, items (or the objective as the single item), and gates that check each
 * answer ({@code contains}, {@code equals}, {@code regex}, {@code json-schema}; {@code tests}: JUnit tests run
 * against a Java answer in the sandbox; {@code recorded-label}: the answering model's recorded score for the item, with
 * a recorded dataset configured).
 */
@ApplicationScoped
public class PromptWorkflow implements Workflow {

    public static final String NAME = "prompt";

    private final GateResources gateResources;

    /** Without a recorded dataset: {@code recorded-label} gates are refused. */
    public PromptWorkflow(GateSandbox sandbox) {
        this(sandbox, RecordedVerdicts.NONE);
    }

    @Inject
    public PromptWorkflow(GateSandbox sandbox, RecordedVerdicts recorded) {
        this.gateResources = new GateResources(sandbox, recorded);
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
        JsonNode gates = RunRequestParser.gates(body, true, errors, gateResources);
        return new WorkflowRequest(objective, items, gates, JsonNodeFactory.instance.objectNode());
    }

    @Override
    public TaskContext task(RunDefinition run, ItemSpec item, List<Attempt> history) {
        return new TaskContext(run.objective(), item.input(), history);
    }

    @Override
    public AnswerCheck answerCheck(RunDefinition run, ItemSpec item) {
        return new GateCheck(Gates.parse(run.gates(), "gates", new FieldErrors(), gateResources));
    }
}
