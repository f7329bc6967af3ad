package io.escalator.model;

import io.escalator.run.Attempt;
import java.util.List;

/**
 * What an attempt is about: the run's objective, the item's input, the item's earlier attempts, and how the
 * workflow states the task and wants the answer.
 *
 * @param history the item's completed attempts on all tiers, oldest first
 */
public record TaskContext(String objective, String input, List<Attempt> history, TaskFormat format) {

    /** A task of the {@code prompt} workflow: a free-form answer. */
    public TaskContext(String objective, String input, List<Attempt> history) {
        this(objective, input, history, TaskFormat.ANSWER);
    }

    String describe() {
        return format.describe(objective, input);
    }
}
