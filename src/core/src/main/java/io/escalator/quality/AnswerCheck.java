package io.escalator.quality;

/** How a workflow checks an answer: its gates, or a test run in the sandbox. */
public interface AnswerCheck {

    /** Checks an answer; the reviewer's confidence, when there is one, is added afterwards. */
    QualityCheck check(String answer);

    /** Checks an answer knowing where it came from (see {@link Gate#check(String, AnswerOrigin)}). */
    default QualityCheck check(String answer, AnswerOrigin origin) {
        return check(answer);
    }

    /** The verdict when no answer came (the model failed): every check fails with the reason. */
    QualityCheck noAnswer(String reason);
}
