package io.escalator.report;

import io.escalator.run.Run;
import java.math.BigDecimal;
import java.time.Instant;

/** A run in a list: what it is, where it stands, what it cost. */
public record RunSummary(String runId, String workflow, String status, String statusReason, String objective,
                         Instant createdAt, Instant finishedAt, BigDecimal totalCost, Double savingsPercent) {

    static final int OBJECTIVE_SHOWN_CHARS = 200;

    public static RunSummary of(Run run) {
        String objective = run.objective().length() <= OBJECTIVE_SHOWN_CHARS ? run.objective()
                : run.objective().substring(0, OBJECTIVE_SHOWN_CHARS) + "...";
        return new RunSummary(run.id(), run.workflow(), run.status().name(), run.statusReason(), objective,
                run.createdAt(), run.finishedAt(), run.totals() == null ? run.spentCost() : run.totals().totalCost(),
                run.totals() == null ? null : run.totals().savingsPercent());
    }
}
