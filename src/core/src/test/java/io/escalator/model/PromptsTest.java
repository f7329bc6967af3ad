package io.escalator.model;

import static io.escalator.model.FailureHistoryTest.answered;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.quality.GateResult;
import io.escalator.run.Attempt;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptsTest {

    private static final List<Attempt> HISTORY = List.of(answered(1, "cheap", 1, 30, "Lyon",
            GateResult.fail("equals", "answer \"Lyon\" is not the expected value")));

    @Test
    void aFirstAttemptGetsTheTaskOnly() {
        ChatPrompt prompt = Prompts.generator(new TaskContext("Name the capital of France.", "France", List.of()), null);

        assertThat(prompt.system()).isEqualTo(Prompts.GENERATOR_SYSTEM + " " + TaskFormat.ANSWER.answerInstructions());
        assertThat(prompt.user()).isEqualTo("""
                <task>
                  <objective>Name the capital of France.</objective>
                  <input>France</input>
                </task>""");
    }

    @Test
    void anInputThatIsTheObjectiveIsNotRepeated() {
        ChatPrompt prompt = Prompts.generator(new TaskContext("Say hi", "Say hi", List.of()), null);

        assertThat(prompt.user()).doesNotContain("<input>");
    }

    @Test
    void aRetryGetsTheFailureHistoryAndIsToldToAvoidItsFailures() {
        ChatPrompt prompt = Prompts.generator(new TaskContext("Name the capital of France.", null, HISTORY), null);

        assertThat(prompt.user())
                .contains(FailureHistory.render(HISTORY))
                .contains("answer \"Lyon\" is not the expected value")
                .endsWith("Earlier attempts failed as shown above. Produce an answer that avoids those failures.")
                .doesNotContain("<failure_analysis>");
    }

    @Test
    void inFullModeTheAnalysisIsIncludedInFull() {
        String analysis = "The answer named the second city.\nName the capital, Paris's rival is not wanted.";

        ChatPrompt prompt = Prompts.generator(new TaskContext("Name the capital of France.", null, HISTORY),
                "  " + analysis + "\n");

        assertThat(prompt.user()).contains("<failure_analysis>\n" + analysis + "\n</failure_analysis>");
        assertThat(prompt.user().indexOf("</failure_history>")).isLessThan(prompt.user().indexOf("<failure_analysis>"));
    }

    @Test
    void aBlankAnalysisIsLeftOut() {
        ChatPrompt prompt = Prompts.generator(new TaskContext("Task", null, HISTORY), "  \n ");

        assertThat(prompt.user()).doesNotContain("<failure_analysis>");
    }

    @Test
    void theAnalyzerReadsTheTaskAndTheHistory() {
        ChatPrompt prompt = Prompts.analyzer(new TaskContext("Task", null, HISTORY));

        assertThat(prompt.system()).isEqualTo(Prompts.ANALYZER_SYSTEM);
        assertThat(prompt.user()).contains("<objective>Task</objective>").contains(FailureHistory.render(HISTORY));
    }

    @Test
    void theReviewerSeesTheAnswerAndEveryCheckResult() {
        ChatPrompt prompt = Prompts.reviewer(new TaskContext("Task", null, List.of()), "Paris", List.of(
                GateResult.pass("contains", "answer contains \"Paris\""),
                GateResult.fail("regex", "answer does not match the pattern /^P.*s$/")));

        assertThat(prompt.system()).isEqualTo(Prompts.REVIEWER_SYSTEM).contains("\"confidence\"");
        assertThat(prompt.user())
                .contains("<answer>\nParis\n</answer>")
                .contains("<check type=\"contains\" passed=\"true\">answer contains \"Paris\"</check>")
                .contains("<check type=\"regex\" passed=\"false\">answer does not match the pattern /^P.*s$/</check>");
    }
}
