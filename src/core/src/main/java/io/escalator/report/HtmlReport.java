package io.escalator.report;

import static io.escalator.report.Figures.money;
import static io.escalator.report.Figures.oneDecimal;
import static io.escalator.report.Figures.seconds;

import io.escalator.report.ProgressionReport.AttemptMark;
import io.escalator.report.ProgressionReport.AttemptResult;
import io.escalator.report.ProgressionReport.ItemProgression;
import io.escalator.report.ProgressionReport.TierSummary;
import io.escalator.run.PendingApproval;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a progression report as a self-contained page for a browser: no script, nothing loaded from elsewhere, its
 * style sheet inline. The tier progression is drawn as inline SVG, one row per item and one mark per attempt in the
 * column of its tier, coloured by what came of it and labelled with its CQS; beside it a bar per tier for its cost.
 * Every value is escaped ({@link Markup}): the report shows model output and callers' input.
 */
public final class HtmlReport {

    // The progression chart's geometry, in pixels.
    private static final int LABEL_WIDTH = 190;
    private static final int ITEM_LABEL_CHARS = 26;
    private static final int SLOT_WIDTH = 40;
    private static final int TIER_PADDING = 10;
    private static final int MIN_COLUMN_WIDTH = 130;
    private static final int HEADER_HEIGHT = 46;
    private static final int ROW_HEIGHT = 30;
    private static final int MARK_RADIUS = 13;
    private static final int STATUS_WIDTH = 160;

    // The cost chart's geometry.
    private static final int COST_LABEL_WIDTH = 150;
    private static final int COST_BAR_MAX = 420;
    private static final int COST_ROW_HEIGHT = 28;

    private static final String STYLE = """
            :root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
              --passed: #1a7f37; --fell-short: #d4a72c; --no-answer: #cf222e; --pending: #8c959f; --bar: #0969da; }
            * { box-sizing: border-box; }
            body { margin: 0 auto; max-width: 1120px; padding: 24px; color: var(--ink); background: #fff;
              font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            h1 { font-size: 26px; margin: 0; }
            h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
            h3 { font-size: 16px; margin: 18px 0 6px; }
            code, pre, .run-id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
            .run-id { color: var(--muted); margin: 2px 0 10px; }
            .badge { display: inline-block; padding: 1px 10px; border-radius: 12px; font-weight: 600; font-size: 13px;
              border: 1px solid var(--line); background: var(--panel); }
            .badge.succeeded { background: #dafbe1; border-color: #1a7f37; color: #116329; }
            .badge.needs_human, .badge.budget_exhausted { background: #fff8c5; border-color: #d4a72c; color: #7d4e00; }
            .badge.failed, .badge.cancelled { background: #ffebe9; border-color: #cf222e; color: #a40e26; }
            .badge.running, .badge.awaiting_approval { background: #ddf4ff; border-color: #0969da; color: #0550ae; }
            dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 0; }
            dl.facts dt { color: var(--muted); }
            dl.facts dd { margin: 0; overflow-wrap: anywhere; }
            table { border-collapse: collapse; width: 100%; font-size: 14px; }
            th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); }
            th { background: var(--panel); font-weight: 600; }
            .number { text-align: right; font-variant-numeric: tabular-nums; }
            .muted { color: var(--muted); }
            .chart { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
            .legend { list-style: none; padding: 0; margin: 0 0 8px; display: flex; flex-wrap: wrap; gap: 18px;
              font-size: 13px; color: var(--muted); }
            .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 50%; margin-right: 6px;
              vertical-align: -1px; }
            .swatch.passed, svg .passed circle { background: var(--passed); fill: var(--passed); }
            .swatch.fell-short, svg .fell-short circle { background: var(--fell-short); fill: var(--fell-short); }
            .swatch.no-answer, svg .no-answer circle { background: var(--no-answer); fill: var(--no-answer); }
            .swatch.pending, svg .pending circle { background: var(--pending); fill: var(--pending); }
            svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: var(--ink); }
            svg .column { fill: #fff; }
            svg .column.alt { fill: var(--panel); }
            svg .tier { font-weight: 600; font-size: 13px; }
            svg .model, svg .item-status { fill: var(--muted); font-size: 11px; }
            svg .climb { fill: none; stroke: #afb8c1; stroke-width: 2; }
            svg .mark circle { stroke: #fff; stroke-width: 1.5; }
            svg .mark text { font-size: 11px; font-weight: 600; fill: #fff; }
            svg .fell-short text { fill: #3d2c00; }
            svg .cost-bar { fill: var(--bar); }
            pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--panel); padding: 8px 10px;
              border-radius: 6px; font-size: 13px; margin: 4px 0; }
            meter { width: 220px; vertical-align: middle; }
            """;

    private HtmlReport() {
    }

    public static String render(ProgressionReport report) {
        Markup page = new Markup().trusted("<!DOCTYPE html>\n");
        page.open("html", "lang", "en").open("head")
                .empty("meta", "charset", "utf-8")
                .empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .element("title", "Escalation report: run " + report.runId())
                .open("style").trusted(STYLE).close("style")
                .close("head").open("body");
        header(page, report);
        budget(page, report.budget());
        awaitingApproval(page, report.awaitingApproval());
        progression(page, report);
        tierCosts(page, report.tiers());
        tierTable(page, report.tiers());
        finalResults(page, report);
        needsAttention(page, report);
        options(page, report);
        return page.close("body").close("html").toString();
    }

    private static void header(Markup page, ProgressionReport report) {
        ProgressionReport.CostAnalysis cost = report.costAnalysis();
        page.open("header")
                .element("h1", "Escalation report")
                .element("p", "run " + report.runId(), "class", "run-id")
                .open("dl", "class", "facts");
        page.element("dt", "Status").open("dd")
                .element("span", report.status(), "class", "badge " + report.status().toLowerCase(Locale.ROOT));
        if (report.statusReason() != null) {
            page.text(" " + report.statusReason());
        }
        page.close("dd");
        fact(page, "Workflow", report.workflow());
        fact(page, "Objective", report.objective());
        fact(page, "Items", report.items());
        fact(page, "Duration", seconds(report.durationMs()));
        fact(page, "Total cost", money(cost.totalCost()));
        fact(page, "All on the top tier", money(cost.allTopTierCost()));
        fact(page, "Saved", money(cost.saved()) + (cost.savingsPercent() == null
                ? " (the top tier is free: no savings to measure)" : " (" + oneDecimal(cost.savingsPercent()) + "%)"));
        fact(page, "Cost per item", money(cost.costPerItem()));
        if (report.resolution() != null) {
            fact(page, "Resolved by a person", report.resolution().action().value()
                    + (report.resolution().comment() == null ? "" : " (" + report.resolution().comment() + ")"));
        }
        page.close("dl").close("header");
    }

    private static void budget(Markup page, ProgressionReport.BudgetUse budget) {
        if (!budget.isWorthShowing()) {
            return;
        }
        page.open("section").element("h2", "Budget").open("dl", "class", "facts");
        if (budget.maxCost() != null) {
            page.element("dt", "Cost").open("dd")
                    .element("meter", "", "min", 0, "max", budget.maxCost().toPlainString(),
                            "value", budget.spent().toPlainString())
                    .text(" " + money(budget.spent()) + " of " + money(budget.maxCost()) + " (" + money(budget.costLeft())
                            + " left)")
                    .close("dd");
        }
        if (budget.maxAttempts() != null) {
            page.element("dt", "Attempts").open("dd")
                    .element("meter", "", "min", 0, "max", budget.maxAttempts(), "value", budget.attemptsStarted())
                    .text(" " + budget.attemptsStarted() + " of " + budget.maxAttempts())
                    .close("dd");
        }
        if (budget.maxSeconds() != null) {
            fact(page, "Time cap", budget.maxSeconds() + " s");
        }
        if (budget.stoppedItems() > 0) {
            fact(page, "Stopped by the budget", budget.stoppedItems() + (budget.stoppedItems() == 1 ? " item" : " items"));
        }
        page.close("dl").close("section");
    }

    private static void awaitingApproval(Markup page, PendingApproval pending) {
        if (pending == null) {
            return;
        }
        page.open("section").element("h2", "Awaiting approval");
        if (pending.kind() == PendingApproval.Kind.RUN) {
            page.element("p", "Run the work? Estimated cost ~" + money(pending.projectedTotal()));
        } else {
            page.open("ul");
            for (PendingApproval.Escalation escalation : pending.escalations()) {
                page.element("li", "Escalate " + escalation.items().size()
                        + (escalation.items().size() == 1 ? " item" : " items") + " to " + escalation.tier() + "? "
                        + String.join(", ", escalation.items()));
            }
            page.close("ul").element("p", "Additional cost ~" + money(pending.additionalCost()) + " (total ~"
                    + money(pending.projectedTotal()) + ")");
        }
        page.close("section");
    }

    private static void progression(Markup page, ProgressionReport report) {
        page.open("section").element("h2", "Tier progression");
        if (report.progression().isEmpty()) {
            page.element("p", "No items.", "class", "muted").close("section");
            return;
        }
        page.open("ul", "class", "legend");
        for (AttemptResult result : AttemptResult.values()) {
            page.open("li").element("span", "", "class", "swatch " + cssClass(result)).text(describe(result)).close("li");
        }
        page.element("li", "the number in a mark is the attempt's CQS").close("ul");

        List<TierSummary> tiers = report.tiers();
        int[] columnX = new int[tiers.size() + 1];
        columnX[0] = LABEL_WIDTH;
        int[] slots = slotsPerTier(report.progression(), tiers.size());
        for (int tier = 0; tier < tiers.size(); tier++) {
            columnX[tier + 1] = columnX[tier] + Math.max(MIN_COLUMN_WIDTH, slots[tier] * SLOT_WIDTH + 2 * TIER_PADDING);
        }
        int width = columnX[tiers.size()] + STATUS_WIDTH;
        int height = HEADER_HEIGHT + report.progression().size() * ROW_HEIGHT + 8;
        page.open("div", "class", "chart")
                .open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "progression", "width", width,
                        "height", height, "viewBox", "0 0 " + width + " " + height, "role", "img")
                .element("title", "Tier progression: one row per item, one mark per attempt in its tier's column");
        for (int tier = 0; tier < tiers.size(); tier++) {
            int columnWidth = columnX[tier + 1] - columnX[tier];
            int middle = columnX[tier] + columnWidth / 2;
            page.empty("rect", "class", tier % 2 == 0 ? "column" : "column alt", "x", columnX[tier], "y", 0,
                            "width", columnWidth, "height", height)
                    .element("text", tiers.get(tier).tier(), "class", "tier", "x", middle, "y", 18, "text-anchor", "middle")
                    .element("text", tiers.get(tier).model(), "class", "model", "x", middle, "y", 34, "text-anchor", "middle");
        }
        for (int row = 0; row < report.progression().size(); row++) {
            ItemProgression item = report.progression().get(row);
            int y = HEADER_HEIGHT + row * ROW_HEIGHT + ROW_HEIGHT / 2;
            page.open("text", "class", "item", "x", 8, "y", y + 4).element("title", item.item())
                    .text(shorten(item.item(), ITEM_LABEL_CHARS)).close("text");
            List<String> points = new ArrayList<>();
            Map<Integer, Integer> placedAtTier = new HashMap<>();
            for (AttemptMark mark : item.attempts()) {
                int slot = placedAtTier.merge(mark.tierIndex(), 1, Integer::sum) - 1;
                int tier = mark.tierIndex();
                int marksStart = (columnX[tier] + columnX[tier + 1] - slots[tier] * SLOT_WIDTH) / 2;
                int x = marksStart + slot * SLOT_WIDTH + SLOT_WIDTH / 2;
                points.add(x + "," + y);
            }
            if (points.size() > 1) {
                page.empty("polyline", "class", "climb", "points", String.join(" ", points));
            }
            for (int i = 0; i < item.attempts().size(); i++) {
                AttemptMark mark = item.attempts().get(i);
                String[] center = points.get(i).split(",");
                page.open("g", "class", "mark " + cssClass(mark.result()))
                        .element("title", item.item() + ": " + mark.tier() + " #" + mark.attempt() + ", "
                                + (mark.cqs() == null ? "" : "CQS " + oneDecimal(mark.cqs()) + ", ") + describe(mark.result()))
                        .empty("circle", "cx", center[0], "cy", center[1], "r", MARK_RADIUS)
                        .element("text", mark.cqs() == null ? "…" : Long.toString(Math.round(mark.cqs())),
                                "x", center[0], "y", y + 4, "text-anchor", "middle")
                        .close("g");
            }
            page.element("text", item.status(), "class", "item-status", "x", columnX[tiers.size()] + 12, "y", y + 4);
        }
        page.close("svg").close("div").close("section");
    }

    /** Per tier, the most attempts any one item made there (at least one, so every tier has a column). */
    private static int[] slotsPerTier(List<ItemProgression> items, int tiers) {
        int[] slots = new int[tiers];
        Arrays.fill(slots, 1);
        for (ItemProgression item : items) {
            int[] attempts = new int[tiers];
            item.attempts().forEach(mark -> attempts[mark.tierIndex()]++);
            for (int tier = 0; tier < tiers; tier++) {
                slots[tier] = Math.max(slots[tier], attempts[tier]);
            }
        }
        return slots;
    }

    private static void tierCosts(Markup page, List<TierSummary> tiers) {
        page.open("section").element("h2", "Cost by tier");
        BigDecimal highest = tiers.stream().map(TierSummary::cost).max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        int width = COST_LABEL_WIDTH + COST_BAR_MAX + 240;
        int height = tiers.size() * COST_ROW_HEIGHT + 8;
        page.open("div", "class", "chart")
                .open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "costs", "width", width, "height", height,
                        "viewBox", "0 0 " + width + " " + height, "role", "img")
                .element("title", "Cost by tier");
        for (int row = 0; row < tiers.size(); row++) {
            TierSummary tier = tiers.get(row);
            int y = 4 + row * COST_ROW_HEIGHT;
            double bar = highest.signum() == 0 ? 0
                    : tier.cost().divide(highest, MathContext.DECIMAL64).doubleValue() * COST_BAR_MAX;
            if (tier.cost().signum() > 0) {
                bar = Math.max(bar, 2);
            }
            String label = money(tier.cost()) + " · " + tier.attempts() + (tier.attempts() == 1 ? " attempt" : " attempts");
            page.element("text", tier.tier(), "class", "tier", "x", 8, "y", y + 17)
                    .open("rect", "class", "cost-bar", "x", COST_LABEL_WIDTH, "y", y + 4,
                            "width", String.format(Locale.ROOT, "%.1f", bar), "height", 18)
                    .element("title", tier.tier() + ": " + label).close("rect")
                    .element("text", label, "x", String.format(Locale.ROOT, "%.1f", COST_LABEL_WIDTH + bar + 8), "y", y + 17);
        }
        page.close("svg").close("div").close("section");
    }

    private static void tierTable(Markup page, List<TierSummary> tiers) {
        page.open("section").element("h2", "Tiers").open("table").open("thead").open("tr");
        for (String heading : List.of("Tier", "Model")) {
            page.element("th", heading);
        }
        for (String heading : List.of("Items", "Attempts", "Per item", "Succeeded here", "Average CQS", "Cost", "Duration")) {
            page.element("th", heading, "class", "number");
        }
        page.close("tr").close("thead").open("tbody");
        for (TierSummary tier : tiers) {
            page.open("tr").element("td", tier.tier()).element("td", tier.model());
            if (tier.itemsReached() == 0) {
                page.element("td", "not reached", "class", "muted", "colspan", 7);
            } else {
                number(page, tier.itemsReached());
                number(page, tier.attempts());
                number(page, oneDecimal(tier.attemptsPerItem()));
                number(page, tier.succeeded() + " (" + Math.round(tier.successPercent()) + "%)");
                number(page, oneDecimal(tier.averageCqs()));
                number(page, money(tier.cost()));
                number(page, seconds(tier.durationMs()));
            }
            page.close("tr");
        }
        page.close("tbody").close("table").close("section");
    }

    private static void finalResults(Markup page, ProgressionReport report) {
        ProgressionReport.FinalResults results = report.finalResults();
        page.open("section").element("h2", "Final results").open("dl", "class", "facts");
        fact(page, "Succeeded", results.succeeded() + " of " + report.items());
        fact(page, "Needs a person", results.needsHuman());
        fact(page, "Budget exhausted", results.budgetExhausted());
        fact(page, "Failed", results.failed());
        if (results.open() > 0) {
            fact(page, "Still open", results.open());
        }
        fact(page, "Overall CQS", oneDecimal(results.overallCqs()));
        page.close("dl").close("section");
    }

    private static void needsAttention(Markup page, ProgressionReport report) {
        if (report.needsAttention().isEmpty()) {
            return;
        }
        page.open("section").element("h2", "Needs attention");
        for (ProgressionReport.UnresolvedItem item : report.needsAttention()) {
            page.element("h3", item.item() + ": " + item.status());
            if (item.reason() != null) {
                page.element("p", "Why: " + item.reason());
            }
            page.element("p", "Input:").element("pre", item.input()).element("p", "Tried:").open("ul");
            for (ProgressionReport.TriedAttempt attempt : item.attempts()) {
                page.open("li").text(attempt.tier() + " #" + attempt.attempt() + ": CQS " + oneDecimal(attempt.cqs())
                        + (attempt.error() == null ? "" : ", error: " + attempt.error()));
                if (!attempt.failedChecks().isEmpty()) {
                    page.open("ul");
                    attempt.failedChecks().forEach(check -> page.element("li", "failed " + check));
                    page.close("ul");
                }
                page.close("li");
            }
            page.close("ul");
            if (item.topTierAnalysis() != null) {
                page.element("p", "The top tier's analysis:").element("pre", item.topTierAnalysis());
            }
        }
        page.close("section");
    }

    private static void options(Markup page, ProgressionReport report) {
        if (report.options().isEmpty()) {
            return;
        }
        page.open("section").element("h2", "Options").open("p").text("A person decides with ")
                .element("code", "POST /runs/" + report.runId() + "/resolution {\"action\": ...}").text(":").close("p")
                .open("table").open("tbody");
        for (ProgressionReport.Option option : report.options()) {
            page.open("tr").open("td").element("code", option.action()).close("td")
                    .element("td", option.description()).close("tr");
        }
        page.close("tbody").close("table").close("section");
    }

    private static void fact(Markup page, String label, Object value) {
        page.element("dt", label).element("dd", value);
    }

    private static void number(Markup page, Object value) {
        page.element("td", value, "class", "number");
    }

    private static String cssClass(AttemptResult result) {
        return result.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String describe(AttemptResult result) {
        return switch (result) {
            case PASSED -> "passed";
            case FELL_SHORT -> "fell short";
            case NO_ANSWER -> "no answer";
            case PENDING -> "pending";
        };
    }

    private static String shorten(String text, int chars) {
        return text.length() <= chars ? text : text.substring(0, chars - 1) + "…";
    }
}
