package io.escalator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReviewerVerdictTest {

    @Test
    void readsTheJsonReplyTheReviewerIsAskedFor() {
        ReviewerVerdict verdict = ReviewerVerdict.parse("{\"confidence\": 0.8, \"assessment\": \"Correct and complete.\"}");

        assertThat(verdict).isEqualTo(new ReviewerVerdict(0.8, "Correct and complete."));
    }

    @Test
    void readsJsonFencedInMarkdownOrWrappedInProse() {
        ReviewerVerdict fenced = ReviewerVerdict.parse("```json\n{\"confidence\": 0.6, \"assessment\": \"Close.\"}\n```");
        ReviewerVerdict wrapped = ReviewerVerdict.parse("My verdict: {\"confidence\": 0.4, \"assessment\": \"Weak.\"} Done.");

        assertThat(fenced).isEqualTo(new ReviewerVerdict(0.6, "Close."));
        assertThat(wrapped).isEqualTo(new ReviewerVerdict(0.4, "Weak."));
    }

    @Test
    void aJsonConfidenceAboveOneIsAPercentage() {
        assertThat(ReviewerVerdict.parse("{\"confidence\": 85, \"assessment\": \"ok\"}").confidence())
                .isCloseTo(0.85, within(1e-12));
    }

    @Test
    void aJsonConfidenceWrittenAsTextIsRead() {
        assertThat(ReviewerVerdict.parse("{\"confidence\": \"85%\", \"assessment\": \"ok\"}").confidence())
                .isCloseTo(0.85, within(1e-12));
    }

    @Test
    void withoutAnAssessmentTheWholeReplyIsTheAssessment() {
        assertThat(ReviewerVerdict.parse("  {\"confidence\": 0.5}\n").assessment()).isEqualTo("{\"confidence\": 0.5}");
    }

    @Test
    void aJsonReplyWithoutAConfidenceHasNoneEvenIfItsAssessmentHasNumbers() {
        // the reviewer stated no confidence: "2 of 3" must not be read as a confidence of 2%
        ReviewerVerdict verdict = ReviewerVerdict.parse(
                "{\"confidence\": null, \"assessment\": \"Fails 2 of 3 checks.\"}");

        assertThat(verdict).isEqualTo(new ReviewerVerdict(null, "Fails 2 of 3 checks."));
    }

    @Test
    void aJsonObjectWithoutAConfidenceFieldFallsBackToTheText() {
        // the reviewer quoted the answer, then stated its confidence in words
        ReviewerVerdict verdict = ReviewerVerdict.parse("The answer {\"city\": \"Paris\"} is right. Confidence: 80%");

        assertThat(verdict.confidence()).isCloseTo(0.8, within(1e-12));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "confidence: 85%          | 0.85",
            "Confidence: 0.85         | 0.85",
            "CONFIDENCE = 90          | 0.90",
            "I'd put my confidence at about 70 %. | 0.70",
            "0.7                      | 0.70",
            "70%                      | 0.70",
            "1                        | 1.00",
            "confidence: 150%         | 1.00"})
    void readsAConfidenceWrittenInWords(String reply, double expected) {
        ReviewerVerdict verdict = ReviewerVerdict.parse(reply);

        assertThat(verdict.confidence()).isCloseTo(expected, within(1e-12));
        assertThat(verdict.assessment()).isEqualTo(reply.strip());
    }

    @Test
    void theNumberAfterTheWordConfidenceWinsOverEarlierNumbers() {
        assertThat(ReviewerVerdict.parse("2 checks passed. Confidence: 60%").confidence()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void aReplyWithoutANumberHasNoConfidence() {
        ReviewerVerdict verdict = ReviewerVerdict.parse("  Looks plausible, hard to say.  ");

        assertThat(verdict).isEqualTo(new ReviewerVerdict(null, "Looks plausible, hard to say."));
    }

    @Test
    void aNumberInProseWithoutTheWordConfidenceIsNotAConfidence() {
        assertThat(ReviewerVerdict.parse("Found 3 issues in the answer.").confidence()).isNull();
        assertThat(ReviewerVerdict.parse("The answer 42 is right").confidence()).isNull();
    }
}
