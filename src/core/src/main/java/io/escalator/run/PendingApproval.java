package io.escalator.run;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a run waits for approval of: the whole run, before it starts (its estimate is above the line), or an
 * escalation, before items move up to a dearer tier ("Escalate 30 items to capable? Additional cost ~$0.45, total
 * ~$0.73").
 *
 * @param escalations    per tier, the items that would move up and what that adds (empty for a whole run)
 * @param additionalCost what approving adds to what is spent already (expected)
 * @param projectedTotal the run's expected total if approved
 */
public record PendingApproval(Kind kind, List<Escalation> escalations, BigDecimal additionalCost,
                              BigDecimal projectedTotal) {

    public enum Kind {
        RUN,
        ESCALATION
    }

    public record Escalation(String tier, List<String> items, BigDecimal additionalCost) {
    }

    public static PendingApproval wholeRun(BigDecimal estimatedTotal) {
        return new PendingApproval(Kind.RUN, List.of(), estimatedTotal, estimatedTotal);
    }
}
