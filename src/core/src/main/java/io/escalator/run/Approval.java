package io.escalator.run;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A run's approval: the line under which it goes ahead on its own and, while it waits for a person, what it waits
 * for, until when, and what the person last decided.
 *
 * @param autoApproveUnder a run whose (projected) cost is above this waits for approval before spending it
 * @param approvedUpTo     the projected total a person approved last ({@code null} until then): the new line
 * @param deadline         until when the current wait lasts ({@code null} when it never had to wait)
 * @param pending          what the run waits for approval of, while it waits
 * @param approved         the last decision ({@code null} while none was made for the current wait)
 */
public record Approval(BigDecimal autoApproveUnder, BigDecimal approvedUpTo, Instant deadline, PendingApproval pending,
                       Boolean approved, String comment, Instant decidedAt) {

    /** No approval line: the run never waits (runs stored before approvals existed). */
    public static final Approval NONE = new Approval(null, null, null, null, null, null, null);

    public static Approval autoApprovedUnder(BigDecimal line) {
        return new Approval(line, null, null, null, null, null, null);
    }

    /** The amount the run may reach without asking: its line, or what a person approved since, if more. */
    public BigDecimal line() {
        if (autoApproveUnder == null) {
            return approvedUpTo;
        }
        return approvedUpTo == null ? autoApproveUnder : autoApproveUnder.max(approvedUpTo);
    }

    /** Whether reaching this (estimated or projected) total needs a person's approval first. */
    public boolean requiredFor(BigDecimal total) {
        BigDecimal line = line();
        return line != null && total.compareTo(line) > 0;
    }
}
