package io.escalator.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalator.model.TaskContext;
import io.escalator.quality.AnswerCheck;
import io.escalator.run.Attempt;
import io.escalator.run.ItemSpec;
import io.escalator.validation.FieldErrors;
import java.util.List;
import java.util.Set;

/**
 * A kind of work the engine runs on the ladder: what its requests say, what its items are, how its tasks are put to
 * the models, and how its answers are checked. Everything else (the ladder, the policy, the budget, the store, the
 * steps) is the same for every workflow.
 */
public interface Workflow {

    /** The name requests use in {@code "workflow"}. */
    String name();

    /** The request fields this workflow reads, beyond those of every run (workflow, budget, autoApproveUnder, dryRun). */
    Set<String> fields();

    /** Checks this workflow's fields of a run request, adding every problem to {@code errors}. */
    WorkflowRequest parse(JsonNode body, FieldErrors errors);

    /** The task of one item, with its earlier attempts. */
    TaskContext task(RunDefinition run, ItemSpec item, List<Attempt> history);

    /** How an item's answers are checked. */
    AnswerCheck answerCheck(RunDefinition run, ItemSpec item);
}
