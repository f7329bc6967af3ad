package io.escalator.run;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A run's approval: the line under which it goes ahead on its own, and, once it had to wait, the deadline and what
 * the person decided.
 *
 * @param autoApproveUnder a run whose estimate is above this waits for approval before any model is called
 * @param deadline         until when it waits ({@code null} while it never had to)
 * @param approved         the decision ({@code null} until one is made)
 */
public record Approval(BigDecimal autoApproveUnder, Instant deadline, Boolean approved, String comment, Instant decidedAt) {

    /** No approval line: the run never waits (runs stored before approvals existed). */
    public static final Approval NONE = new Approval(null, null, null, null, null);

    public static Approval autoApprovedUnder(BigDecimal line) {
        return new Approval(line, null, null, null, null);
    }

    /** Whether a run estimated at this cost must wait for a person. */
    public boolean requiredFor(BigDecimal estimatedCost) {
        return autoApproveUnder != null && estimatedCost.compareTo(autoApproveUnder) > 0;
    }
}
