package io.escalator.ladder;

/**
 * The defaults of a tier that its ladder entry leaves out, by its place on the ladder (from the seed plan):
 * the first tier tries at least twice (at most three times) and leaves on failure rate over 30%, CQS under 70 or
 * more than 3 syntax errors; middle tiers try 2 to 6 times, guided by improvement, and leave on 20% / 80 / 1;
 * the top tier tries once and runs the full agent team.
 */
record TierDefaults(int minAttempts, int maxAttempts, AgentMode mode, EscalationThresholds thresholds) {

    static final double SUCCESS_CQS = 80;
    static final double STAGNATION_IMPROVEMENT = 5;
    static final int STAGNATION_LIMIT = 2;
    static final int MAX_OUTPUT_TOKENS = 1024;
    static final int TIMEOUT_SECONDS = 60;

    static TierDefaults forPosition(int index, int tierCount) {
        boolean top = index == tierCount - 1;
        if (top) {
            return new TierDefaults(1, 1, AgentMode.FULL, thresholds(80, 0.20, 1));
        }
        if (index == 0) {
            return new TierDefaults(2, 3, AgentMode.SIMPLE, thresholds(70, 0.30, 3));
        }
        return new TierDefaults(2, 6, AgentMode.SIMPLE, thresholds(80, 0.20, 1));
    }

    private static EscalationThresholds thresholds(double minCqs, double maxFailureRate, int maxSyntaxErrors) {
        return new EscalationThresholds(SUCCESS_CQS, minCqs, maxFailureRate, maxSyntaxErrors, null,
                STAGNATION_IMPROVEMENT, STAGNATION_LIMIT);
    }
}
