package io.escalator.cost;

/**
 * The chance that an item reaches each tier when there is no history to learn it from: the seeds' conservative
 * defaults, every item on the first tier, 30% on the second, 10% on the third, and a third of that again on each
 * tier above.
 */
public final class ReachProbabilities {

    private static final double[] DEFAULTS = {1.0, 0.3, 0.1};

    private ReachProbabilities() {
    }

    public static double byDefault(int tierIndex) {
        if (tierIndex < DEFAULTS.length) {
            return DEFAULTS[tierIndex];
        }
        return DEFAULTS[DEFAULTS.length - 1] * Math.pow(1.0 / 3, tierIndex - DEFAULTS.length + 1);
    }

    public static String describeDefaults() {
        return "reach probabilities are the defaults (100% first tier, 30% second, 10% third, a third of that per "
                + "tier above): no history for this workflow yet";
    }
}
