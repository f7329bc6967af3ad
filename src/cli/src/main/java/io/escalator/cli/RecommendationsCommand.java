package io.escalator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code escalator recommendations}: advice learned from history, with the numbers behind it. */
@Command(name = "recommendations", description = "Advice on the ladder, learned from history.")
class RecommendationsCommand extends ApiCommand {

    @Option(names = "--workflow", paramLabel = "WORKFLOW", description = "Only this workflow (default: all).")
    String workflow;

    @Override
    void execute() {
        JsonNode answer = api().json(ApiRequest.get("/analytics/recommendations").query("workflow", workflow));
        if (json()) {
            printJson(answer);
            return;
        }
        PrintWriter out = out();
        JsonNode recommendations = answer.path("recommendations");
        if (recommendations.isEmpty()) {
            out.println("No recommendations" + (workflow == null ? "" : " for " + workflow)
                    + ": not enough history, or nothing to change.");
            return;
        }
        boolean first = true;
        for (JsonNode recommendation : recommendations) {
            if (!first) {
                out.println();
            }
            first = false;
            out.println(Formats.plain(recommendation.get("type")) + "  workflow " + Formats.plain(recommendation.get("workflow"))
                    + (Json.field(recommendation, "tier") == null ? "" : ", tier " + Json.text(recommendation, "tier")));
            out.println("  " + Formats.oneLine(Formats.plain(recommendation.get("message"))));
            String evidence = evidence(recommendation.path("evidence"));
            if (!evidence.isEmpty()) {
                out.println("  evidence: " + evidence);
            }
        }
    }

    /** {@code itemsReached 40, itemsResolved 3}. */
    private static String evidence(JsonNode evidence) {
        List<String> figures = new ArrayList<>();
        for (Map.Entry<String, JsonNode> figure : evidence.properties()) {
            JsonNode value = figure.getValue();
            figures.add(figure.getKey() + " " + (value.isContainerNode() ? Json.compact(value) : Formats.plain(value)));
        }
        return String.join(", ", figures);
    }
}
