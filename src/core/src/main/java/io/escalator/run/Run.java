package io.escalator.run;

import io.escalator.policy.BudgetLimits;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A run's own record: what was asked, where it stands, and its money.
 *
 * @param dataJson          what the workflow keeps with the run (JSON), e.g. the class under test
 * @param committedCost     spent plus reserved for attempts under way; the budget cap applies to it
 * @param spentCost         the sum of the costs of the recorded attempts
 * @param attemptsStarted   attempts started, all items (the {@code maxAttempts} budget counts these)
 * @param ladderJson        the ladder the run uses, secrets left out, as it was when the run started
 * @param ladderFingerprint identifies that ladder; a run is only resumed on the same one
 * @param estimateJson      the upfront cost estimate, once made
 * @param approval          its approval line, and what it waits for and the decision when it has to wait
 * @param resolution        a person's decision after it needed one ({@code null} until then)
 * @param userHash          the keyed hash of the user who started it ({@code null}: not known); never the user id
 * @param ownerHash         the keyed hash of the authenticated principal who started it, the only one (besides an
 *                          admin) who may see it; {@code null} for a run stored before runs had owners (admins only)
 */
public record Run(
        String id,
        String workflow,
        String objective,
        RunStatus status,
        String statusReason,
        String gatesJson,
        String dataJson,
        BudgetLimits budget,
        BigDecimal committedCost,
        BigDecimal spentCost,
        int attemptsStarted,
        String ladderJson,
        String ladderFingerprint,
        String estimateJson,
        Instant createdAt,
        Instant finishedAt,
        RunTotals totals,
        Approval approval,
        Resolution resolution,
        String userHash,
        String ownerHash) {

    public Run {
        approval = approval == null ? Approval.NONE : approval;
    }

    /** A run started by no known user, and owned by no one (only admins see it). */
    public Run(String id, String workflow, String objective, RunStatus status, String statusReason, String gatesJson,
               String dataJson, BudgetLimits budget, BigDecimal committedCost, BigDecimal spentCost, int attemptsStarted,
               String ladderJson, String ladderFingerprint, String estimateJson, Instant createdAt, Instant finishedAt,
               RunTotals totals, Approval approval, Resolution resolution) {
        this(id, workflow, objective, status, statusReason, gatesJson, dataJson, budget, committedCost, spentCost,
                attemptsStarted, ladderJson, ladderFingerprint, estimateJson, createdAt, finishedAt, totals, approval,
                resolution, null, null);
    }

    /** The same run, owned by the principal with this hash. */
    public Run withOwner(String ownerHash) {
        return new Run(id, workflow, objective, status, statusReason, gatesJson, dataJson, budget, committedCost,
                spentCost, attemptsStarted, ladderJson, ladderFingerprint, estimateJson, createdAt, finishedAt, totals,
                approval, resolution, userHash, ownerHash);
    }
}
