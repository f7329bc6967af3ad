package io.escalator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalator.replay.LadderSuggestion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code escalator ladder suggest}: the cheapest ladder as accurate as the premium model, learned locally on recorded
 * answers, or from the stack's own telemetry.
 */
@Command(name = "ladder", description = "Ladder files.", subcommands = LadderCommand.Suggest.class)
class LadderCommand {

    @Command(name = "suggest", description = {
            "With --train: learns the cheapest ladder (1 to 4 of the data's models, 1 to 3 attempts each) whose replayed"
                    + " accuracy is at least the most accurate single model's, on recorded answers (a RouterBench CSV),"
                    + " locally; the ladder file has provider replay tiers (see the README's Replay section).",
            "With --from-stack: asks the stack (GET /analytics/ladder) which of its current ladder's tiers to keep, and"
                    + " in which order, learned from its own telemetry; the ladder file is the current one's tiers, ready"
                    + " to deploy.",
            "Without --output, prints the ladder file."})
    static class Suggest extends EscalatorCommand {

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        static class Source {
            @Option(names = "--train", paramLabel = "FILE", description = "The recorded answers to learn on, locally.")
            Path train;

            @Option(names = "--from-stack", description = "Learn from the stack's telemetry, through the API.")
            boolean fromStack;
        }

        @Option(names = "--workflow", paramLabel = "WORKFLOW",
                description = "With --from-stack: only this workflow's items (default: every workflow).")
        String workflow;

        @Option(names = "--days", paramLabel = "DAYS", converter = CleanupCommand.Days.class,
                description = "With --from-stack: the last this many days, 30d or 30 (default: the API's, 30).")
        Integer days;

        @Option(names = "--output", paramLabel = "FILE", description = "Write the ladder file here.")
        Path output;

        @Mixin
        ReplayOptions options;

        @Override
        void execute() {
            if (source.fromStack) {
                fromStack();
            } else {
                train();
            }
        }

        private void train() {
            refuse(List.of("--workflow", "--days"), "with --from-stack");
            LadderSuggestion suggestion = options.suggest(source.train);
            if (output == null) {
                out().print(suggestion.ladderFile());
                return;
            }
            write(suggestion.ladderFile());
            if (json()) {
                printJson(suggestion.training().toJson());
                return;
            }
            out().println("Wrote " + output + ", learned on " + source.train + " in " + suggestion.took().toMillis()
                    + " ms (" + suggestion.laddersEvaluated() + " ladders evaluated). On the training data:");
            out().println();
            ReplayCommand.print(suggestion.training().toJson(), out());
        }

        private void fromStack() {
            refuse(List.of("--gate-error", "--seed"), "with --train: the stack's telemetry holds the real gates'"
                    + " verdicts");
            JsonNode answer = escalator().api().json(ApiRequest.get("/analytics/ladder")
                    .query("workflow", workflow).query("days", days));
            if (json()) {
                printJson(answer);
            }
            if (!"SUGGESTED".equals(Json.text(answer, "status"))) {
                throw CliException.api(Formats.oneLine(Formats.plain(answer.get("message"))));
            }
            String file = Json.pretty(answer.path("ladderFile")) + "\n";
            if (output == null) {
                if (!json()) {
                    out().print(file);
                }
                return;
            }
            write(file);
            if (!json()) {
                StackSuggestion.print(answer, output, out());
            }
        }

        private void write(String file) {
            try {
                Files.writeString(output, file);
            } catch (IOException e) {
                throw CliException.usage("cannot write " + output + ": " + e.getMessage());
            }
        }

        /** Options of the other source are a usage error rather than silently ignored. */
        private void refuse(List<String> options, String only) {
            List<String> given = options.stream().filter(spec.commandLine().getParseResult()::hasMatchedOption).toList();
            if (!given.isEmpty()) {
                throw CliException.usage(String.join(" and ", given) + (given.size() == 1 ? " goes " : " go ") + only);
            }
        }
    }
}
