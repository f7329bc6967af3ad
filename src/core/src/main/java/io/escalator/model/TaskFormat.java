package io.escalator.model;

/**
 * How a workflow states its task to the models and what form it wants the answer in. The failure history, the
 * analysis and the review are the same for every workflow; this is what differs.
 */
public interface TaskFormat {

    /** A free-form answer to an objective and an item's input (the {@code prompt} workflow). */
    TaskFormat ANSWER = new TaskFormat() {
        @Override
        public String describe(String objective, String input) {
            StringBuilder task = new StringBuilder("<task>\n  <objective>").append(objective).append("</objective>\n");
            if (input != null && !input.equals(objective)) {
                task.append("  <input>").append(input).append("</input>\n");
            }
            return task.append("</task>").toString();
        }

        @Override
        public String answerInstructions() {
            return "Reply with the answer only, without preamble.";
        }
    };

    /** The task as the models read it. */
    String describe(String objective, String input);

    /** The generator's instructions about the form of its answer. */
    String answerInstructions();
}
