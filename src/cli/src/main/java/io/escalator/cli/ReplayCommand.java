package io.escalator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.LadderLoader;
import io.escalator.replay.GateNoise;
import io.escalator.replay.LadderSuggestion;
import io.escalator.replay.RecordedDataset;
import io.escalator.replay.ReplayReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code escalator replay}: a ladder over recorded model answers, in process (no API): every prompt climbs the ladder
 * by the engine's own policy, each attempt answered and priced as recorded.
 */
@Command(name = "replay", description = {
        "Replays a ladder over recorded model answers (a RouterBench CSV), locally: accuracy, cost per prompt and"
                + " tier reach, against every single model and the most accurate one (premium).",
        "The ladder is a ladder file whose tiers' models are the data's models, or is learned with --train."})
class ReplayCommand extends EscalatorCommand {

    @Option(names = "--data", paramLabel = "FILE", required = true, description = "The recorded answers to replay.")
    Path data;

    @ArgGroup(exclusive = true, multiplicity = "1")
    LadderSource ladderSource;

    static class LadderSource {
        @Option(names = "--ladder", paramLabel = "FILE", description = "A ladder file (provider replay or openai).")
        Path ladder;

        @Option(names = "--train", paramLabel = "FILE", description = "Learn the cheapest ladder as accurate as the"
                + " premium model on these recorded answers, then replay it.")
        Path train;
    }

    @Mixin
    ReplayOptions options;

    @Override
    void execute() {
        GateNoise noise = options.noise();
        RecordedDataset recorded = ReplayOptions.read(data);
        Ladder ladder;
        if (ladderSource.train != null) {
            LadderSuggestion suggestion = options.suggest(ladderSource.train);
            ladder = suggestion.ladder();
            if (!json()) {
                out().println("Learned on " + ladderSource.train + " in " + suggestion.took().toMillis() + " ms ("
                        + suggestion.laddersEvaluated() + " ladders evaluated)");
            }
        } else {
            // replay calls no endpoint, so a key named by apiKeyEnv is never needed
            ladder = ReplayOptions.locally(() -> new LadderLoader(variable -> "unused").load(ladderSource.ladder));
        }
        ObjectNode report = ReplayOptions.locally(() -> ReplayReport.replay(recorded, ladder, noise)).toJson();
        if (json()) {
            printJson(report);
        } else {
            print(report, out());
        }
    }

    static void print(JsonNode report, PrintWriter out) {
        JsonNode premium = report.path("premium");
        String gateError = report.path("gateError").decimalValue().stripTrailingZeros().toPlainString();
        out.println("Replay of " + report.path("prompts").asInt() + " prompts" + skipped(report) + ", gate error "
                + gateError + ", seed " + report.path("seed").asLong());
        out.println();
        Table.fields()
                .field("Ladder", String.join(" > ", report.path("ladder").valueStream().map(JsonNode::asText).toList()))
                .field("Accuracy", Formats.share(report.path("accuracy")) + (report.path("meetsPremiumAccuracy").asBoolean()
                        ? " (premium's or better)" : " (below the premium's)"))
                .field("Cost per prompt", money(report.path("costPerPrompt")))
                .field("Premium", Formats.plain(premium.path("model")) + ": " + Formats.share(premium.path("accuracy"))
                        + " at " + money(premium.path("costPerPrompt")) + " per prompt")
                .field("Savings", Formats.percent(report.path("savingsPercent")) + " of the premium's cost")
                .field("Needs human", report.path("needsHuman").asInt() + " prompts")
                .print(out);
        out.println();
        Table tiers = Table.of("TIER", "MODEL", "REACHED").alignRight(0, 2);
        int number = 1;
        for (JsonNode tier : report.path("tiers")) {
            tiers.row(number++, Formats.plain(tier.path("model")), Formats.share(tier.path("reachedShare")));
        }
        tiers.print(out);
        out.println();
        Table singles = Table.of("SINGLE MODEL", "ACCURACY", "COST/PROMPT").alignRight(1, 2);
        for (JsonNode single : report.path("singleModels")) {
            boolean isPremium = single.path("model").equals(premium.path("model"));
            singles.row(Formats.plain(single.path("model")) + (isPremium ? " (premium)" : ""),
                    Formats.share(single.path("accuracy")), money(single.path("costPerPrompt")));
        }
        singles.print(out);
    }

    private static String skipped(JsonNode report) {
        int skipped = report.path("skippedPrompts").asInt();
        return skipped == 0 ? "" : " (" + skipped + " skipped: a model has no recorded answer)";
    }

    private static String money(JsonNode amount) {
        return Formats.roundedMoney(amount);
    }
}
