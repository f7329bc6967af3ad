package io.escalator.model;

import io.escalator.run.Attempt;
import java.util.List;

/**
 * What an attempt is about: the run's objective, the item's input and the item's earlier attempts.
 *
 * @param history the item's completed attempts on all tiers, oldest first
 */
public record TaskContext(String objective, String input, List<Attempt> history) {

    String describe() {
        StringBuilder task = new StringBuilder("<task>\n  <objective>").append(objective).append("</objective>\n");
        if (input != null && !input.equals(objective)) {
            task.append("  <input>").append(input).append("</input>\n");
        }
        return task.append("</task>").toString();
    }
}
