package io.escalator.report;

import static io.escalator.report.Figures.money;
import static io.escalator.report.Figures.oneDecimal;
import static io.escalator.report.Figures.seconds;

import io.escalator.run.PendingApproval;
import java.util.Locale;

/** Renders a progression report as plain text for a terminal. */
public final class TextReport {

    private static final String RULE = "=".repeat(72);
    private static final String THIN_RULE = "-".repeat(72);

    private TextReport() {
    }

    public static String render(ProgressionReport report) {
        StringBuilder out = new StringBuilder();
        out.append(RULE).append('\n').append("ESCALATION REPORT  run ").append(report.runId()).append('\n').append(RULE).append("\n\n");
        line(out, "Workflow", report.workflow());
        line(out, "Objective", oneLine(report.objective()));
        line(out, "Status", report.status() + (report.statusReason() == null ? "" : " (" + report.statusReason() + ")"));
        line(out, "Items", String.valueOf(report.items()));
        line(out, "Duration", seconds(report.durationMs()));
        ProgressionReport.CostAnalysis cost = report.costAnalysis();
        line(out, "Total cost", money(cost.totalCost()) + " (vs " + money(cost.allTopTierCost()) + " all on the top tier)");

        out.append("\nTIER BREAKDOWN\n");
        for (ProgressionReport.TierSummary tier : report.tiers()) {
            out.append("\n  ").append(tier.tier()).append(" (").append(tier.model()).append(")\n");
            if (tier.itemsReached() == 0) {
                out.append("    not reached\n");
                continue;
            }
            out.append(String.format(Locale.ROOT, "    Items: %d   Attempts: %d (%.1f per item)   Succeeded here: %d (%.0f%%)%n",
                    tier.itemsReached(), tier.attempts(), tier.attemptsPerItem(), tier.succeeded(), tier.successPercent()));
            out.append(String.format(Locale.ROOT, "    Average CQS: %s   Cost: %s   Duration: %s%n",
                    oneDecimal(tier.averageCqs()),
                    money(tier.cost()), seconds(tier.durationMs())));
        }

        ProgressionReport.FinalResults results = report.finalResults();
        out.append('\n').append(THIN_RULE).append("\nFINAL RESULTS\n");
        out.append(String.format(Locale.ROOT, "  Succeeded: %d/%d   Needs human: %d   Budget exhausted: %d   Failed: %d%n",
                results.succeeded(), report.items(), results.needsHuman(), results.budgetExhausted(), results.failed()));
        if (results.open() > 0) {
            out.append("  Still open: ").append(results.open()).append('\n');
        }
        out.append("  Overall CQS: ").append(oneDecimal(results.overallCqs())).append('\n');

        out.append('\n').append(THIN_RULE).append("\nCOST ANALYSIS\n");
        out.append("  Total spent:      ").append(money(cost.totalCost())).append('\n');
        out.append("  All on top tier:  ").append(money(cost.allTopTierCost())).append('\n');
        out.append("  Saved:            ").append(money(cost.saved()))
                .append(cost.savingsPercent() == null ? " (top tier is free: no savings to measure)"
                        : String.format(Locale.ROOT, " (%.1f%%)", cost.savingsPercent())).append('\n');
        out.append("  Cost per item:    ").append(money(cost.costPerItem())).append('\n');

        budget(out, report.budget());
        awaitingApproval(out, report.awaitingApproval());

        if (!report.needsAttention().isEmpty()) {
            out.append('\n').append(THIN_RULE).append("\nNEEDS ATTENTION\n");
            for (ProgressionReport.UnresolvedItem item : report.needsAttention()) {
                out.append("\n  ").append(item.item()).append(": ").append(item.status()).append('\n');
                if (item.reason() != null) {
                    out.append("    Why: ").append(item.reason()).append('\n');
                }
                out.append("    Input: ").append(oneLine(item.input())).append('\n');
                out.append("    Tried:\n");
                for (ProgressionReport.TriedAttempt attempt : item.attempts()) {
                    out.append(String.format(Locale.ROOT, "      %s #%d  CQS %.1f", attempt.tier(), attempt.attempt(), attempt.cqs()));
                    if (attempt.error() != null) {
                        out.append("  error: ").append(attempt.error());
                    }
                    out.append('\n');
                    attempt.failedChecks().forEach(check -> out.append("        failed ").append(check).append('\n'));
                }
                if (item.topTierAnalysis() != null) {
                    out.append("    Top tier's analysis:\n      ").append(item.topTierAnalysis().replace("\n", "\n      ")).append('\n');
                }
            }
        }
        if (!report.options().isEmpty()) {
            out.append('\n').append(THIN_RULE).append("\nOPTIONS  (POST /runs/").append(report.runId())
                    .append("/resolution {\"action\": ...})\n");
            report.options().forEach(option -> out.append(String.format(Locale.ROOT, "  %-15s %s%n", option.action(),
                    option.description())));
        }
        if (report.resolution() != null) {
            out.append('\n').append("Resolved by a person: ").append(report.resolution().action().value())
                    .append(report.resolution().comment() == null ? "" : " (" + report.resolution().comment() + ")")
                    .append('\n');
        }
        return out.append(RULE).append('\n').toString();
    }

    private static void budget(StringBuilder out, ProgressionReport.BudgetUse budget) {
        if (!budget.isWorthShowing()) {
            return;
        }
        out.append('\n').append(THIN_RULE).append("\nBUDGET\n");
        if (budget.maxCost() != null) {
            out.append("  Cost:      ").append(money(budget.spent())).append(" of ").append(money(budget.maxCost()))
                    .append(" (").append(money(budget.costLeft())).append(" left)\n");
        }
        if (budget.maxAttempts() != null) {
            out.append("  Attempts:  ").append(budget.attemptsStarted()).append(" of ").append(budget.maxAttempts()).append('\n');
        }
        if (budget.maxSeconds() != null) {
            out.append("  Time cap:  ").append(budget.maxSeconds()).append(" s\n");
        }
        if (budget.stoppedItems() > 0) {
            out.append("  Stopped by the budget: ").append(budget.stoppedItems())
                    .append(budget.stoppedItems() == 1 ? " item\n" : " items\n");
        }
    }

    private static void awaitingApproval(StringBuilder out, PendingApproval pending) {
        if (pending == null) {
            return;
        }
        out.append('\n').append(THIN_RULE).append("\nAWAITING APPROVAL\n");
        if (pending.kind() == PendingApproval.Kind.RUN) {
            out.append("  Run the work? Estimated cost ~").append(money(pending.projectedTotal())).append('\n');
        } else {
            for (PendingApproval.Escalation escalation : pending.escalations()) {
                out.append("  Escalate ").append(escalation.items().size()).append(escalation.items().size() == 1 ? " item" : " items")
                        .append(" to ").append(escalation.tier()).append("? ").append(String.join(", ", escalation.items()))
                        .append('\n');
            }
            out.append("  Additional cost ~").append(money(pending.additionalCost())).append(" (total ~")
                    .append(money(pending.projectedTotal())).append(")\n");
        }
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "%-11s %s%n", label + ":", value));
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 100 ? flat.substring(0, 100) + "..." : flat;
    }
}
