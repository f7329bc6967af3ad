package io.escalator.cli;

import io.escalator.replay.LadderSuggestion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code escalator ladder suggest}: the cheapest ladder as accurate as the premium model, learned locally. */
@Command(name = "ladder", description = "Ladder files.", subcommands = LadderCommand.Suggest.class)
class LadderCommand {

    @Command(name = "suggest", description = {
            "Learns the cheapest ladder (1 to 4 of the data's models, 1 to 3 attempts each) whose replayed accuracy is"
                    + " at least the most accurate single model's, on recorded answers (a RouterBench CSV), locally.",
            "Writes it as a ladder file with provider replay tiers (see the README's Replay section); without --output,"
                    + " prints the file."})
    static class Suggest extends EscalatorCommand {

        @Option(names = "--train", paramLabel = "FILE", required = true, description = "The recorded answers to learn on.")
        Path train;

        @Option(names = "--output", paramLabel = "FILE", description = "Write the ladder file here.")
        Path output;

        @Mixin
        ReplayOptions options;

        @Override
        void execute() {
            LadderSuggestion suggestion = options.suggest(train);
            if (output == null) {
                out().print(suggestion.ladderFile());
                return;
            }
            try {
                Files.writeString(output, suggestion.ladderFile());
            } catch (IOException e) {
                throw CliException.usage("cannot write " + output + ": " + e.getMessage());
            }
            if (json()) {
                printJson(suggestion.training().toJson());
                return;
            }
            out().println("Wrote " + output + ", learned on " + train + " in " + suggestion.took().toMillis() + " ms ("
                    + suggestion.laddersEvaluated() + " ladders evaluated). On the training data:");
            out().println();
            ReplayCommand.print(suggestion.training().toJson(), out());
        }
    }
}
