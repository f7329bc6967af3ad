package io.escalator.quality;

/**
 * What {@code recorded-label} gates judge by: the recorded dataset the engine is configured with
 * ({@code io.escalator.replay.RecordedAnswers}).
 */
public interface RecordedVerdicts {

    /** How to configure a dataset, for the messages of whatever needs one. */
    String HOW_TO_CONFIGURE = "set escalator.replay.dataset (environment variable ESCALATOR_REPLAY_DATASET) to a"
            + " RouterBench CSV";

    /** No dataset: {@code recorded-label} gates are refused. */
    RecordedVerdicts NONE = new RecordedVerdicts() {
        @Override
        public boolean configured() {
            return false;
        }

        @Override
        public GateResult verdict(String answer, AnswerOrigin origin, double errorRate) {
            throw new IllegalStateException("no recorded dataset is configured: " + HOW_TO_CONFIGURE);
        }
    };

    boolean configured();

    /**
     * The {@link RecordedLabelGate} verdict on one answer: the answering model's recorded score for the item, flipped
     * when the modelled gate errs on this attempt ({@code errorRate}, seeded). A failure saying why when the dataset has
     * no recorded answer of that model to the item.
     */
    GateResult verdict(String answer, AnswerOrigin origin, double errorRate);
}
