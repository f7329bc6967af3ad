package io.escalator.quality;

/**
 * The {@code recorded-label} gate of a run request: an answer passes when the recorded dataset scores its model's
 * answer to the item 1, each verdict flipped with probability {@code errorRate} to model an imperfect gate. The text is
 * not looked at: which model answered, and on which of its attempts, decides.
 */
public record DatasetLabelGate(double errorRate, RecordedVerdicts verdicts) implements Gate {

    @Override
    public String type() {
        return RecordedLabelGate.TYPE;
    }

    /** Without knowing which model answered there is nothing to look up. */
    @Override
    public GateResult check(String answer) {
        return GateResult.fail(type(), "not checked: which model gave the answer is not known");
    }

    @Override
    public GateResult check(String answer, AnswerOrigin origin) {
        return verdicts.verdict(answer, origin, errorRate);
    }
}
