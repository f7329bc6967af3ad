package io.escalator.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.api.LadderFromTelemetryStack;
import io.escalator.api.LadderHistory;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.RunningLadderText;
import io.escalator.ladder.Tier;
import io.escalator.store.TelemetryStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code escalator ladder suggest --from-stack} against the running local stack. */
@QuarkusTest
@TestProfile(LadderFromTelemetryStack.class)
class CliLadderAgainstStackTest {

    @Inject
    TelemetryStore telemetry;

    @TempDir
    Path dir;

    /** Order-proof: the items other tests add (a real run failing everywhere, at no cost) leave the savings as they are. */
    @Test
    void writesALadderFileTheStackCanRunWithoutTheTierThatNeverSolvesAnything() throws Exception {
        LadderHistory.write(telemetry);
        Path file = dir.resolve("suggested.json");

        EscalatorCli.Result result = EscalatorCli.run("ladder", "suggest", "--from-stack", "--workflow", "prompt",
                "--days", "30d", "--output", file.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Wrote " + file + ": cheap > premium, learned from ")
                .contains("Suggested:       cheap > premium: ").contains("(13.94% less)");
        Ladder suggested = RunningLadderText.withoutKeys().parse(Files.readString(file), file.toString());
        assertThat(suggested.tiers()).extracting(Tier::name).containsExactly("cheap", "premium");
        Ladder running = RunningLadderText.withoutKeys().parse(Files.readString(LadderFromTelemetryStack.LADDER_FILE),
                "running");
        assertThat(suggested.tier(0).baseUrl()).isEqualTo(running.tier(0).baseUrl());
        assertThat(suggested.tier(1).prices()).isEqualTo(running.tier(2).prices());
        assertThat(Files.readString(file)).contains("\"apiKeyEnv\": \"PATH\"").doesNotContain("sk-test");
    }

    @Test
    void tooLittleHistoryIsOneLineAndExitCodeOne() {
        EscalatorCli.Result result = EscalatorCli.run("ladder", "suggest", "--from-stack", "--workflow", "test-gen");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("escalator: Not enough history for a ladder suggestion: 0 usable items"
                + " on the current ladder in the last 30 days, 100 needed.");
        assertThat(result.out()).isEmpty();
    }
}
