package io.escalator.policy;

/**
 * What the policy needs to know of one finished attempt.
 *
 * @param tierIndex    the tier it ran on
 * @param failureRate  share of checks that failed, 0..1
 * @param modelFailure why the model gave no usable answer, or {@code null} when it answered
 */
public record AttemptOutcome(int tierIndex, double cqs, double failureRate, int syntaxErrors, String modelFailure) {

    public static AttemptOutcome answered(int tierIndex, double cqs, double failureRate, int syntaxErrors) {
        return new AttemptOutcome(tierIndex, cqs, failureRate, syntaxErrors, null);
    }
}
