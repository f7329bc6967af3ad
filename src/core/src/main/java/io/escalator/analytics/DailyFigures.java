package io.escalator.analytics;

import io.escalator.cost.TierHistory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** What the runs of a workflow created on one day (UTC) added up to, per tier by name and in all. */
public record DailyFigures(String workflow, LocalDate day, long runs, long items, long resolvedItems, BigDecimal cost,
                           BigDecimal allTopTierCost, List<TierHistory> tiers) {

    public DailyFigures {
        tiers = List.copyOf(tiers);
    }
}
