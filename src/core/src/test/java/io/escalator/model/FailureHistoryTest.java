package io.escalator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.quality.GateResult;
import io.escalator.quality.Signals;
import io.escalator.run.Attempt;
import io.escalator.run.AttemptState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureHistoryTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    static Attempt attempt(int seq, String tier, int atTier, double cqs, String output, String failure,
                           GateResult... gates) {
        return new Attempt("run-1", "item-1", seq, tier.equals("cheap") ? 0 : 1, tier, "model-" + tier, atTier,
                AttemptState.COMPLETED, BigDecimal.ZERO, "digest", output, List.of(gates),
                new Signals(0, null, null, null, null), cqs, 10, 20, BigDecimal.ZERO, 5, failure, null, List.of(), null,
                NOW, NOW);
    }

    static Attempt answered(int seq, String tier, int atTier, double cqs, String output, GateResult... gates) {
        return attempt(seq, tier, atTier, cqs, output, null, gates);
    }

    @Test
    void noEarlierAttemptIsNoHistory() {
        assertThat(FailureHistory.render(List.of())).isEmpty();
    }

    @Test
    void listsTheFailedChecksOfEachAttemptButNotThePassedOnes() {
        String history = FailureHistory.render(List.of(answered(1, "cheap", 1, 50, "Lyon",
                GateResult.pass("contains", "answer contains \"France\""),
                GateResult.fail("equals", "answer \"Lyon\" is not the expected value"))));

        assertThat(history)
                .startsWith("<failure_history attempts=\"1\" tiers=\"cheap\">\n")
                .contains("  <attempt tier=\"cheap\" number=\"1\" cqs=\"50.0\">\n")
                .contains("    <failed_check type=\"equals\">answer \"Lyon\" is not the expected value</failed_check>\n")
                .doesNotContain("France")
                .endsWith("</failure_history>");
    }

    @Test
    void showsTheModelErrorOfAnAttemptWithoutAnswer() {
        String history = FailureHistory.render(List.of(attempt(1, "cheap", 1, 0, null, "timeout after 60 s")));

        assertThat(history)
                .contains("    <error>timeout after 60 s</error>\n")
                .contains("<pattern check=\"model-error\" failures=\"1\"/>")
                .doesNotContain("<answer>");
    }

    @Test
    void namesEveryTierOnceInTheOrderTried() {
        String history = FailureHistory.render(List.of(
                answered(1, "cheap", 1, 10, "a"), answered(2, "cheap", 2, 10, "b"), answered(3, "capable", 1, 10, "c")));

        assertThat(history).startsWith("<failure_history attempts=\"3\" tiers=\"cheap, capable\">")
                .contains("<attempt tier=\"capable\" number=\"1\"");
    }

    @Test
    void countsTheFailuresOfEachKindOfCheckMostFrequentFirst() {
        GateResult regexFailed = GateResult.fail("regex", "answer does not match the pattern /\\d+/");
        GateResult containsFailed = GateResult.fail("contains", "answer does not contain the required text \"x\"");

        String history = FailureHistory.render(List.of(
                answered(1, "cheap", 1, 0, "one", containsFailed, regexFailed),
                answered(2, "cheap", 2, 20, "two", GateResult.pass("contains", "ok"), regexFailed),
                answered(3, "capable", 1, 20, "three", GateResult.pass("contains", "ok"), regexFailed)));

        String regexPattern = "<pattern check=\"regex\" failures=\"3\"/>";
        String containsPattern = "<pattern check=\"contains\" failures=\"1\"/>";
        assertThat(history).contains(regexPattern, containsPattern);
        assertThat(history.indexOf(regexPattern)).isLessThan(history.indexOf(containsPattern));
    }

    @Test
    void showsTheAnswersOfTheWorstAndTheLatestAttemptsOnly() {
        // CQS by attempt: 50, 10, 60, 20, 70, 65. The three worst are #2 (10), #4 (20), #1 (50); #6 is the latest.
        String history = FailureHistory.render(List.of(
                answered(1, "cheap", 1, 50, "ANSWER-ONE"),
                answered(2, "cheap", 2, 10, "ANSWER-TWO"),
                answered(3, "cheap", 3, 60, "ANSWER-THREE"),
                answered(4, "capable", 1, 20, "ANSWER-FOUR"),
                answered(5, "capable", 2, 70, "ANSWER-FIVE"),
                answered(6, "capable", 3, 65, "ANSWER-SIX")));

        assertThat(history).contains("<answer>ANSWER-ONE</answer>", "<answer>ANSWER-TWO</answer>",
                "<answer>ANSWER-FOUR</answer>", "<answer>ANSWER-SIX</answer>");
        assertThat(history).doesNotContain("ANSWER-THREE", "ANSWER-FIVE");
        // every attempt is still listed, with or without its answer
        assertThat(history.split("<attempt ", -1)).hasSize(7);
    }

    @Test
    void aLongAnswerIsCutWithTheCountOfWhatWasLeftOut() {
        String answer = "a".repeat(1_500) + "b".repeat(500);

        String history = FailureHistory.render(List.of(answered(1, "cheap", 1, 10, answer)));

        assertThat(history).contains("<answer>" + "a".repeat(1_500) + "\n[... 500 more characters]</answer>")
                .doesNotContain("ab");
    }

    @Test
    void anAnswerAtTheLimitIsShownWhole() {
        String answer = "a".repeat(1_500);

        assertThat(FailureHistory.render(List.of(answered(1, "cheap", 1, 10, answer))))
                .contains("<answer>" + answer + "</answer>")
                .doesNotContain("more characters");
    }
}
