package io.escalator.quality;

/**
 * The composite quality score (CQS, 0..100) of the seed plan:
 * {@code (0.40 pass rate + 0.25 coverage + 0.20 assertion quality + 0.15 confidence) x 0.5 if any syntax error},
 * where assertion quality is {@code min(10 x assertions per test, 100)} and the other signals are percentages.
 * <p>
 * A workflow that cannot measure a signal (the {@code prompt} workflow has no coverage) leaves it out, and the
 * weights of the signals it has are scaled up to sum to one: the score keeps its 0..100 range and the present
 * signals keep their relative weights. With no signal at all the score is 0: nothing shows the answer is good.
 */
public final class CompositeQualityScore {

    static final double PASS_RATE_WEIGHT = 0.40;
    static final double COVERAGE_WEIGHT = 0.25;
    static final double ASSERTION_WEIGHT = 0.20;
    static final double CONFIDENCE_WEIGHT = 0.15;
    static final double SYNTAX_ERROR_PENALTY = 0.5;

    private CompositeQualityScore() {
    }

    public static double of(Signals signals) {
        double weighted = 0;
        double weights = 0;
        if (signals.testPassRate() != null) {
            weighted += PASS_RATE_WEIGHT * percent(signals.testPassRate());
            weights += PASS_RATE_WEIGHT;
        }
        if (signals.coverage() != null) {
            weighted += COVERAGE_WEIGHT * percent(signals.coverage());
            weights += COVERAGE_WEIGHT;
        }
        if (signals.assertionDepth() != null) {
            weighted += ASSERTION_WEIGHT * Math.clamp(signals.assertionDepth() * 10, 0, 100);
            weights += ASSERTION_WEIGHT;
        }
        if (signals.confidence() != null) {
            weighted += CONFIDENCE_WEIGHT * percent(signals.confidence());
            weights += CONFIDENCE_WEIGHT;
        }
        if (weights == 0) {
            return 0;
        }
        double score = weighted / weights;
        if (signals.syntaxErrors() > 0) {
            score *= SYNTAX_ERROR_PENALTY;
        }
        return round(Math.clamp(score, 0, 100));
    }

    private static double percent(double share) {
        return Math.clamp(share, 0, 1) * 100;
    }

    /** Two decimals: enough to compare, and stable when stored and read back. */
    private static double round(double score) {
        return Math.round(score * 100) / 100.0;
    }
}
