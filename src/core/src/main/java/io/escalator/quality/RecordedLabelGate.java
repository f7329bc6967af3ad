package io.escalator.quality;

/**
 * Replay's gate: the verdict recorded with the answer (its 0/1 correctness score), flipped when the replay models an
 * imperfect gate. The answer's text is not looked at: its correctness was measured when it was recorded.
 *
 * @param recordedCorrect the recorded score was 1
 * @param flipped         this verdict is one the modelled gate gets wrong
 */
public record RecordedLabelGate(boolean recordedCorrect, boolean flipped) implements Gate {

    public static final String TYPE = "recorded-label";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public GateResult check(String answer) {
        String recorded = "recorded score " + (recordedCorrect ? 1 : 0) + (flipped ? ", verdict flipped (gate error)" : "");
        return recordedCorrect != flipped ? GateResult.pass(TYPE, recorded) : GateResult.fail(TYPE, recorded);
    }
}
