package io.escalator.policy;

import io.escalator.ladder.EscalationThresholds;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.Tier;
import java.util.List;
import java.util.Locale;

/**
 * Decides what happens to an item after its latest attempt: a pure function of the item's attempts, the ladder and
 * the run's budget. The rules, in order:
 * <ol>
 * <li>CQS at or above the tier's {@code successCqs}: SUCCEED (never when the model gave no answer).</li>
 * <li>Top tier: RETRY until its {@code maxAttempts}, then NEEDS_HUMAN.</li>
 * <li>{@code maxAttempts} made on the tier: ESCALATE.</li>
 * <li>More syntax errors than {@code maxSyntaxErrors}, or CQS under {@code immediateEscalationCqs}: ESCALATE at
 * once, whatever the minimum attempts.</li>
 * <li>Fewer than {@code minAttempts} made: RETRY.</li>
 * <li>Below the tier's thresholds (CQS under {@code minCqs} or failure rate over {@code maxFailureRate}) and not
 * improving (gain under {@code stagnationImprovement} points over the previous attempt here): ESCALATE.</li>
 * <li>{@code stagnationLimit} consecutive attempts here without such a gain: ESCALATE.</li>
 * <li>Otherwise RETRY: the item is improving, or within the thresholds with room to reach success.</li>
 * </ol>
 * A RETRY or ESCALATE the run's budget cannot pay for becomes BUDGET_EXHAUSTED: the global budget takes precedence
 * over every per-tier limit.
 */
public final class EscalationPolicy {

    private EscalationPolicy() {
    }

    /**
     * @param history the item's attempts, oldest first; not empty
     */
    public static Decision decide(List<AttemptOutcome> history, Ladder ladder, BudgetState budget) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("an item is decided after an attempt, and this one has none");
        }
        AttemptOutcome latest = history.getLast();
        Decision decision = tierDecision(history, ladder);
        if (decision.action() == Action.RETRY || decision.action() == Action.ESCALATE) {
            return budget.refusal(decision.tierIndex())
                    .map(refusal -> new Decision(Action.BUDGET_EXHAUSTED, latest.tierIndex(), refusal.rule(),
                            refusal.reason() + " (would have: " + decision.reason() + ")"))
                    .orElse(decision);
        }
        return decision;
    }

    private static Decision tierDecision(List<AttemptOutcome> history, Ladder ladder) {
        AttemptOutcome latest = history.getLast();
        int tierIndex = latest.tierIndex();
        Tier tier = ladder.tier(tierIndex);
        EscalationThresholds limits = tier.thresholds();
        List<AttemptOutcome> atTier = trailingAttemptsAt(history, tierIndex);
        int made = atTier.size();
        String cqs = format(latest.cqs());

        // An attempt without an answer never succeeds, even on a tier whose successCqs is 0.
        if (latest.modelFailure() == null && latest.cqs() >= limits.successCqs()) {
            return new Decision(Action.SUCCEED, tierIndex, "success",
                    "CQS " + cqs + " reached " + format(limits.successCqs()) + " on " + tier.name());
        }
        String failed = latest.modelFailure() != null
                ? "the model failed (" + latest.modelFailure() + ")"
                : "CQS " + cqs + " is under " + format(limits.successCqs());
        if (ladder.isTop(tierIndex)) {
            return made >= tier.maxAttempts()
                    ? new Decision(Action.NEEDS_HUMAN, tierIndex, "top-tier-failed",
                            failed + " after " + made + " of " + tier.maxAttempts() + " attempts on the top tier "
                                    + tier.name())
                    : retry(tierIndex, "top-tier-retry", failed + "; attempt " + made + " of " + tier.maxAttempts()
                            + " on the top tier");
        }
        String next = ladder.tier(tierIndex + 1).name();
        if (made >= tier.maxAttempts()) {
            return escalate(tierIndex, "max-attempts",
                    failed + " after all " + tier.maxAttempts() + " attempts on " + tier.name() + "; escalating to " + next);
        }
        if (latest.syntaxErrors() > limits.maxSyntaxErrors()) {
            return escalate(tierIndex, "syntax-errors", latest.syntaxErrors() + " syntax errors, more than the "
                    + limits.maxSyntaxErrors() + " allowed on " + tier.name() + "; escalating to " + next);
        }
        if (limits.immediateEscalationCqs() != null && latest.cqs() < limits.immediateEscalationCqs()) {
            return escalate(tierIndex, "very-low-cqs", "CQS " + cqs + " is under the immediate-escalation line of "
                    + format(limits.immediateEscalationCqs()) + "; escalating to " + next);
        }
        if (made < tier.minAttempts()) {
            return retry(tierIndex, "min-attempts",
                    failed + "; attempt " + made + " of at least " + tier.minAttempts() + " on " + tier.name());
        }
        double gain = latest.cqs() - previousCqs(atTier);
        boolean improving = gain >= limits.stagnationImprovement();
        boolean belowThresholds = latest.cqs() < limits.minCqs() || latest.failureRate() > limits.maxFailureRate();
        if (belowThresholds && !improving) {
            String which = latest.cqs() < limits.minCqs()
                    ? "CQS " + cqs + " is under " + format(limits.minCqs())
                    : "failure rate " + percent(latest.failureRate()) + " is over " + percent(limits.maxFailureRate());
            return escalate(tierIndex, "below-threshold", which + " and not improving (gain " + format(gain)
                    + ") after " + made + " attempts on " + tier.name() + "; escalating to " + next);
        }
        int stagnating = stagnatingRun(atTier, limits.stagnationImprovement());
        if (stagnating >= limits.stagnationLimit()) {
            return escalate(tierIndex, "stagnation", stagnating + " consecutive attempts on " + tier.name()
                    + " gained under " + format(limits.stagnationImprovement()) + " CQS points; escalating to " + next);
        }
        return retry(tierIndex, improving ? "improving" : "within-thresholds",
                failed + (improving ? "; improving by " + format(gain) + " points" : "; within the tier's thresholds")
                        + ", retrying on " + tier.name() + " (attempt " + made + " of at most " + tier.maxAttempts() + ")");
    }

    /** The attempts made since the item arrived on this tier. */
    private static List<AttemptOutcome> trailingAttemptsAt(List<AttemptOutcome> history, int tierIndex) {
        int start = history.size();
        while (start > 0 && history.get(start - 1).tierIndex() == tierIndex) {
            start--;
        }
        return history.subList(start, history.size());
    }

    /** CQS of the attempt before the latest on this tier; a tier's first attempt is measured against zero. */
    private static double previousCqs(List<AttemptOutcome> atTier) {
        return atTier.size() < 2 ? 0 : atTier.get(atTier.size() - 2).cqs();
    }

    /** How many of the latest attempts on the tier, counting back, each gained less than the threshold. */
    private static int stagnatingRun(List<AttemptOutcome> atTier, double threshold) {
        int count = 0;
        for (int i = atTier.size() - 1; i >= 0; i--) {
            double previous = i == 0 ? 0 : atTier.get(i - 1).cqs();
            if (atTier.get(i).cqs() - previous >= threshold) {
                break;
            }
            count++;
        }
        return count;
    }

    private static Decision retry(int tierIndex, String rule, String reason) {
        return new Decision(Action.RETRY, tierIndex, rule, reason);
    }

    private static Decision escalate(int tierIndex, String rule, String reason) {
        return new Decision(Action.ESCALATE, tierIndex + 1, rule, reason);
    }

    /** One decimal at most, none when it is zero: 80, 29.5, and 29 (not 29.0) for 0.29 x 100 = 28.999999999999996. */
    private static String format(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? String.valueOf((long) rounded) : String.format(Locale.ROOT, "%.1f", rounded);
    }

    private static String percent(double share) {
        return format(share * 100) + "%";
    }
}
