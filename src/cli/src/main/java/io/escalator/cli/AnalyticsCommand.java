package io.escalator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code escalator analytics}: what escalation cost and saved, per tier and per day. */
@Command(name = "analytics", description = "Cost, savings and tier figures over a period.")
class AnalyticsCommand extends ApiCommand {

    @Option(names = "--workflow", paramLabel = "WORKFLOW", description = "Only this workflow (default: all).")
    String workflow;

    @Option(names = "--since", paramLabel = "DATE", description = "First day, e.g. 2026-10-22 (default: the API's).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Last day, e.g. 2026-11-21 (default: the API's).")
    String until;

    @Override
    void execute() {
        JsonNode analytics = api().json(ApiRequest.get("/analytics")
                .query("workflow", workflow).query("since", since).query("until", until));
        if (json()) {
            printJson(analytics);
            return;
        }
        PrintWriter out = out();
        String scope = Json.text(analytics, "workflow");
        out.println("ANALYTICS  " + (scope == null ? "all workflows" : "workflow " + scope) + ", "
                + Formats.plain(analytics.get("since")) + " to " + Formats.plain(analytics.get("until")));
        out.println();
        Table.fields()
                .field("Runs", Formats.plain(analytics.get("runs")))
                .field("Items", Formats.plain(analytics.get("items")) + " (" + Formats.plain(analytics.get("resolvedItems"))
                        + " resolved)")
                .field("Total cost", Formats.money(analytics.get("totalCost")))
                .field("All on top tier", Formats.money(analytics.get("allTopTierCost")))
                .field("Saved", Formats.money(analytics.get("savings")) + " (" + Formats.percent(analytics.get("savingsPercent")) + ")")
                .field("Per resolved item", Formats.money(analytics.get("costPerResolvedItem")))
                .print(out);

        out.println();
        out.println("TIERS");
        Table tiers = Table.of("TIER", "ATTEMPTS", "REACHED", "RESOLVED", "SUCCESS", "AVG CQS", "COST", "ESCALATED",
                "ATTEMPTS/ITEM").alignRight(1, 2, 3, 4, 5, 6, 7, 8);
        for (JsonNode tier : analytics.path("tiers")) {
            tiers.row(Json.text(tier, "tier"), Formats.plain(tier.get("attempts")), Formats.plain(tier.get("itemsReached")),
                    Formats.plain(tier.get("itemsResolved")), Formats.share(tier.get("successShare")),
                    Formats.oneDecimal(tier.get("averageCqs")), Formats.money(tier.get("cost")),
                    Formats.share(tier.get("escalationShare")), Formats.oneDecimal(tier.get("averageAttempts")));
        }
        printOrNone(tiers, out);

        out.println();
        out.println("BY DAY");
        Table days = Table.of("DAY", "RUNS", "ITEMS", "RESOLVED", "COST", "ALL ON TOP TIER", "SAVED")
                .alignRight(1, 2, 3, 4, 5, 6);
        for (JsonNode day : analytics.path("days")) {
            days.row(Json.text(day, "day"), Formats.plain(day.get("runs")), Formats.plain(day.get("items")),
                    Formats.plain(day.get("resolvedItems")), Formats.money(day.get("cost")),
                    Formats.money(day.get("allTopTierCost")), Formats.money(day.get("savings")));
        }
        printOrNone(days, out);
    }

    private static void printOrNone(Table table, PrintWriter out) {
        if (table.isEmpty()) {
            out.println("  (no runs in the period)");
        } else {
            table.print(out);
        }
    }
}
