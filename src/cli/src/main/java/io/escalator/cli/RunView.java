package io.escalator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** A run's details ({@code GET /runs/{id}}) as text: the run, its items, and every attempt. */
final class RunView {

    private static final int REASON_CHARS = 60;

    private RunView() {
    }

    static void print(JsonNode run, PrintWriter out, ZoneId zone) {
        Table fields = Table.fields()
                .field("Run", Json.text(run, "runId"))
                .field("Workflow", Json.text(run, "workflow"))
                .field("Status", status(run))
                .field("Created", Formats.time(run.get("createdAt"), zone))
                .field("Finished", Json.field(run, "finishedAt") == null ? null : Formats.time(run.get("finishedAt"), zone))
                .field("Cost", cost(run))
                .field("Budget", budget(run.path("budget")))
                .field("Estimate", Json.field(run.path("estimate"), "total") == null ? null
                        : Formats.money(run.path("estimate").get("total")))
                .field("Approval", approval(run.path("approval"), zone))
                .field("Resolution", resolution(run.path("resolution")));
        fields.print(out);

        out.println();
        out.println("ITEMS");
        Table items = Table.of("ID", "STATUS", "TIER", "CQS", "REASON").alignRight(3);
        for (JsonNode item : run.path("items")) {
            items.row(Json.text(item, "id"), Json.text(item, "status"), Json.text(item, "tier"),
                    Formats.oneDecimal(item.get("cqs")), Formats.abbreviate(Json.text(item, "reason"), REASON_CHARS));
        }
        print(items, "no items", out);

        out.println();
        out.println("ATTEMPTS");
        Table attempts = Table.of("ITEM", "TIER", "#", "MODEL", "CQS", "COST", "TOKENS", "DECISION", "NOTE")
                .alignRight(2, 4, 5, 6);
        for (JsonNode attempt : run.path("attempts")) {
            attempts.row(Json.text(attempt, "item"), Json.text(attempt, "tier"), Formats.plain(attempt.get("attempt")),
                    Json.text(attempt, "model"), Formats.oneDecimal(attempt.get("cqs")), Formats.money(attempt.get("cost")),
                    Formats.plain(attempt.get("inputTokens")) + "/" + Formats.plain(attempt.get("outputTokens")),
                    decision(attempt), Formats.abbreviate(note(attempt), REASON_CHARS));
        }
        print(attempts, "no attempts yet", out);
    }

    private static void print(Table table, String whenEmpty, PrintWriter out) {
        if (table.isEmpty()) {
            out.println("  (" + whenEmpty + ")");
        } else {
            table.print(out);
        }
    }

    private static String status(JsonNode run) {
        String reason = Json.text(run, "statusReason");
        return Json.text(run, "status") + (reason == null ? "" : " (" + reason + ")");
    }

    private static String cost(JsonNode run) {
        List<String> parts = new ArrayList<>();
        if (Json.field(run, "allTopTierCost") != null) {
            parts.add("all on the top tier " + Formats.money(run.get("allTopTierCost")));
        }
        if (Json.field(run, "savingsPercent") != null) {
            parts.add("saved " + Formats.percent(run.get("savingsPercent")));
        }
        return Formats.money(run.get("totalCost")) + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    }

    /** {@code spent $0.0002 of $0.50; attempts 3 of 12; at most 300 s}: what the run used of its budget. */
    private static String budget(JsonNode budget) {
        if (budget.isMissingNode() || budget.isNull()) {
            return null;
        }
        String spent = "spent " + Formats.money(budget.get("spent"))
                + (Json.field(budget, "maxCost") == null ? "" : " of " + Formats.money(budget.get("maxCost")));
        String attempts = "attempts " + Formats.plain(budget.get("attemptsStarted"))
                + (Json.field(budget, "maxAttempts") == null ? "" : " of " + Formats.plain(budget.get("maxAttempts")));
        String time = Json.field(budget, "maxSeconds") == null ? "" : "; at most " + budget.get("maxSeconds").asText() + " s";
        return spent + "; " + attempts + time;
    }

    private static String approval(JsonNode approval, ZoneId zone) {
        JsonNode pending = Json.field(approval, "pending");
        if (pending != null) {
            return "waiting until " + Formats.time(approval.get("deadline"), zone) + " to "
                    + ("ESCALATION".equals(Json.text(pending, "kind")) ? "escalate" : "start")
                    + ": additional ~" + Formats.money(pending.get("additionalCost"))
                    + ", total ~" + Formats.money(pending.get("projectedTotal"));
        }
        JsonNode approved = Json.field(approval, "approved");
        if (approved == null) {
            return null;
        }
        String comment = Json.text(approval, "comment");
        return (approved.asBoolean() ? "approved" : "rejected") + (comment == null ? "" : " (" + comment + ")");
    }

    private static String resolution(JsonNode resolution) {
        String action = Json.text(resolution, "action");
        if (action == null) {
            return null;
        }
        String comment = Json.text(resolution, "comment");
        return action + (comment == null ? "" : " (" + comment + ")");
    }

    private static String decision(JsonNode attempt) {
        String decision = Json.text(attempt, "decision");
        return decision != null ? decision : Json.text(attempt, "state");
    }

    /** Why the attempt ended as it did: its error, else its decision's reason. */
    private static String note(JsonNode attempt) {
        String error = Json.text(attempt, "error");
        return error != null ? error : Json.text(attempt, "reason");
    }
}
