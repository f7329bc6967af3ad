package io.escalator.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalator.policy.BudgetLimits;
import java.math.BigDecimal;
import java.util.List;

/**
 * A validated request for a run.
 *
 * @param gates            the gate specifications as given (already checked); stored with the run and read again by
 *                         each step
 * @param data             what the workflow keeps with the run beyond its objective and items (e.g. the class
 *                         under test), or an empty object
 * @param autoApproveUnder the request's own approval line, or {@code null} for the configured default
 * @param dryRun           only estimate and show the plan: nothing is stored or executed
 */
public record RunSpec(String workflow, String objective, List<ItemSpec> items, JsonNode gates, JsonNode data,
                      BudgetLimits budget, BigDecimal autoApproveUnder, boolean dryRun) {
}
