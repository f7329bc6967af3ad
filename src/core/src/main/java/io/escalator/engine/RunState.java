package io.escalator.engine;

import io.escalator.ladder.Ladder;
import io.escalator.model.TaskContext;
import io.escalator.quality.AnswerCheck;
import io.escalator.run.Attempt;
import io.escalator.run.Item;
import io.escalator.run.ItemSpec;
import io.escalator.run.Run;
import io.escalator.run.RunSnapshot;
import io.escalator.store.RunStore;
import io.escalator.workflow.RunDefinition;
import io.escalator.workflow.Workflow;
import io.escalator.workflow.Workflows;
import java.util.List;

/** A run as a step sees it: its stored snapshot and its workflow, checked against the configured ladder. */
record RunState(RunSnapshot snapshot, Workflow workflow, RunDefinition definition) {

    static RunState load(RunStore store, String runId, Ladder ladder, Workflows workflows) {
        RunSnapshot snapshot = store.load(runId);
        if (!snapshot.run().ladderFingerprint().equals(ladder.fingerprint())) {
            throw new LadderChangedException(runId);
        }
        return new RunState(snapshot, workflows.of(snapshot.run().workflow()), RunDefinition.of(snapshot.run()));
    }

    Run run() {
        return snapshot.run();
    }

    List<Attempt> attemptsOf(Item item) {
        return snapshot.attemptsOf(item.id());
    }

    /** The item's task, with the history given. */
    TaskContext task(Item item, List<Attempt> history) {
        return workflow.task(definition, new ItemSpec(item.id(), item.input()), history);
    }

    AnswerCheck answerCheck(Item item) {
        return workflow.answerCheck(definition, new ItemSpec(item.id(), item.input()));
    }
}
