package io.escalator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The stack's ladder suggestion ({@code GET /analytics/ladder}) as a person reads it. */
final class StackSuggestion {

    private StackSuggestion() {
    }

    static void print(JsonNode answer, Path written, PrintWriter out) {
        JsonNode basis = answer.path("basis");
        String scope = Json.text(answer, "workflow") == null ? "every workflow" : "workflow " + Json.text(answer, "workflow");
        out.println("Wrote " + written + ": " + tiers(answer.path("suggested")) + ", learned from "
                + Formats.plain(basis.get("items")) + " items (" + Formats.plain(basis.get("runs")) + " runs) of "
                + scope + " in the last " + Formats.plain(basis.get("days")) + " days.");
        out.println();
        Table table = Table.fields()
                .field("Current ladder", figures(answer.path("current")))
                .field("Suggested", figures(answer.path("suggested")) + " ("
                        + Formats.plain(answer.path("suggested").get("savingsPercent")) + "% less)")
                .field("Left out", leftOut(basis.path("itemsLeftOut")));
        if (basis.path("callLimitReached").asBoolean()) {
            table.field("Read limit", "the newest " + Formats.plain(basis.get("callLimit"))
                    + " telemetry records were read; older ones were not");
        }
        table.field("Assumption", Formats.plain(basis.get("assumption"))).print(out);
        for (JsonNode note : answer.path("notes")) {
            out.println("Note: " + Formats.oneLine(note.asText()));
        }
    }

    private static String figures(JsonNode ladder) {
        return tiers(ladder) + ": " + Formats.share(ladder.get("accuracy")) + " solved, "
                + Formats.roundedMoney(ladder.get("costPerItem")) + " per item";
    }

    private static String tiers(JsonNode ladder) {
        List<String> names = ladder.path("tiers").findValuesAsText("tier");
        return String.join(" > ", names);
    }

    private static String leftOut(JsonNode itemsLeftOut) {
        List<String> reasons = new ArrayList<>();
        int items = 0;
        for (JsonNode reason : itemsLeftOut) {
            items += reason.path("items").asInt();
            reasons.add(reason.path("items").asInt() + " because " + reason.path("why").asText());
        }
        return items == 0 ? "no items" : items + " items: " + String.join("; ", reasons);
    }
}
