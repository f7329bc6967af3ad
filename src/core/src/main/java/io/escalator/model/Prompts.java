package io.escalator.model;

import io.escalator.quality.GateResult;
import java.util.List;

/** The prompts of a tier's agents. */
public final class Prompts {

    static final String GENERATOR_SYSTEM = """
            You are the generator in a team that solves tasks on a ladder of models. Your answer is checked \
            automatically. When earlier attempts are listed, they failed the checks shown: do not repeat their \
            mistakes.""";

    static final String ANALYZER_SYSTEM = """
            You are the failure analyzer in a team that solves tasks on a ladder of models. Earlier attempts at \
            the task failed automatic checks. Explain briefly why they failed and what the next answer must do \
            differently. Do not write the answer itself.""";

    static final String REVIEWER_SYSTEM = """
            You are the reviewer in a team that solves tasks on a ladder of models. Judge whether the answer \
            fulfils the task, taking the automatic check results into account. Reply with JSON only: \
            {"confidence": <number from 0 to 1>, "assessment": "<one or two sentences>"}""";

    private Prompts() {
    }

    public static ChatPrompt generator(TaskContext task, String analysis) {
        StringBuilder user = new StringBuilder(task.describe());
        String history = FailureHistory.render(task.history());
        if (!history.isEmpty()) {
            user.append("\n\n").append(history);
        }
        if (analysis != null && !analysis.isBlank()) {
            user.append("\n\n<failure_analysis>\n").append(analysis.strip()).append("\n</failure_analysis>");
        }
        if (!history.isEmpty()) {
            user.append("\n\nEarlier attempts failed as shown above. Produce an answer that avoids those failures.");
        }
        return new ChatPrompt(GENERATOR_SYSTEM + " " + task.format().answerInstructions(), user.toString(), task.input());
    }

    public static ChatPrompt analyzer(TaskContext task) {
        return new ChatPrompt(ANALYZER_SYSTEM, task.describe() + "\n\n" + FailureHistory.render(task.history()),
                task.input());
    }

    public static ChatPrompt reviewer(TaskContext task, String answer, List<GateResult> gates) {
        StringBuilder user = new StringBuilder(task.describe()).append("\n\n<answer>\n").append(answer).append("\n</answer>\n");
        user.append("<check_results>\n");
        for (GateResult gate : gates) {
            user.append("  <check type=\"").append(gate.type()).append("\" passed=\"").append(gate.passed()).append("\">")
                    .append(gate.message()).append("</check>\n");
        }
        return new ChatPrompt(REVIEWER_SYSTEM, user.append("</check_results>").toString(), task.input());
    }
}
