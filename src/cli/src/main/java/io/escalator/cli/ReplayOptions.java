package io.escalator.cli;

import io.escalator.ladder.InvalidLadderException;
import io.escalator.replay.GateNoise;
import io.escalator.replay.LadderOptimizer;
import io.escalator.replay.LadderSuggestion;
import io.escalator.replay.RecordedDataset;
import io.escalator.replay.ReplayDataException;
import io.escalator.replay.RouterBenchCsv;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The options of the commands that replay recorded answers in process, and how their failures are reported. */
class ReplayOptions {

    @Option(names = "--gate-error", paramLabel = "E", defaultValue = "0",
            description = "The share of gate verdicts that are wrong, 0 to 1 (default: ${DEFAULT-VALUE}, an exact gate).")
    double gateError;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seeds which verdicts the gate gets wrong (default: ${DEFAULT-VALUE}).")
    long seed;

    GateNoise noise() {
        return locally(() -> {
            try {
                return new GateNoise(gateError, seed);
            } catch (ReplayDataException e) {
                throw new ReplayDataException("--gate-error: " + e.getMessage());
            }
        });
    }

    static RecordedDataset read(Path file) {
        return locally(() -> RouterBenchCsv.read(file));
    }

    LadderSuggestion suggest(Path trainFile) {
        GateNoise noise = noise();
        return locally(() -> LadderOptimizer.suggest(read(trainFile), noise));
    }

    /** Runs replay code; bad data, a bad ladder or a bad rate is a usage error, on one line. */
    static <T> T locally(Supplier<T> work) {
        try {
            return work.get();
        } catch (ReplayDataException | InvalidLadderException e) {
            throw CliException.usage(e.getMessage());
        }
    }
}
