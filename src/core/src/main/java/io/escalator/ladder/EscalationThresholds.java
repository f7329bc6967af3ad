package io.escalator.ladder;

/**
 * When an item leaves a tier. See the README's "Escalation policy" for how the rules combine.
 *
 * @param successCqs             an attempt with at least this CQS succeeds
 * @param minCqs                 once the tier's minimum attempts are made, an attempt below this CQS that is not
 *                               improving leaves the tier
 * @param maxFailureRate         likewise for the share of failed checks (0..1)
 * @param maxSyntaxErrors        more syntax errors than this leave the tier at once, whatever the minimum attempts
 * @param immediateEscalationCqs an attempt below this CQS leaves the tier at once; {@code null}: rule off
 * @param stagnationImprovement  a CQS gain under this many points over the previous attempt at the tier is stagnation
 * @param stagnationLimit        this many consecutive stagnating attempts leave the tier
 */
public record EscalationThresholds(
        double successCqs,
        double minCqs,
        double maxFailureRate,
        int maxSyntaxErrors,
        Double immediateEscalationCqs,
        double stagnationImprovement,
        int stagnationLimit) {
}
