package io.escalator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ladder suggest --from-stack}: the stack's suggestion written as a ladder file. */
class LadderFromStackTest {

    static final String SUGGESTED = """
            {"workflow": "prompt", "status": "SUGGESTED",
             "message": "Suggested: cheap > premium, solving 100 of 100 items (the current ladder 100) for 13.94% less per item.",
             "basis": {"since": "2026-10-22T10:00:00Z", "until": "2026-11-21T10:00:00Z", "days": 30, "callsRead": 480,
                       "callLimit": 20000, "callLimitReached": false, "runs": 100, "items": 100, "minItems": 100,
                       "itemsLeftOut": [{"reason": "UNFINISHED", "items": 2, "why": "it stopped unsolved"}],
                       "tiers": [], "assumption": "Tiers never reached are assumed.", "method": "exact"},
             "current": {"tiers": [{"tier": "cheap", "model": "m1", "reachedShare": 1.0},
                                   {"tier": "capable", "model": "m2", "reachedShare": 0.4},
                                   {"tier": "premium", "model": "m3", "reachedShare": 0.4}],
                         "accuracy": 1.0, "costPerItem": 0.0574, "savingsPercent": null},
             "suggested": {"tiers": [{"tier": "cheap", "model": "m1", "reachedShare": 1.0},
                                     {"tier": "premium", "model": "m3", "reachedShare": 0.4}],
                           "accuracy": 1.0, "costPerItem": 0.0494, "savingsPercent": 13.94},
             "ladderFile": {"tiers": [
                 {"name": "cheap", "provider": "openai", "baseUrl": "http://localhost:11434/v1", "model": "m1",
                  "inputPricePerMillion": 0, "outputPricePerMillion": 0, "minAttempts": 2, "maxAttempts": 3},
                 {"name": "premium", "provider": "openai", "baseUrl": "https://api.openai.com/v1", "model": "m3",
                  "apiKeyEnv": "OPENAI_API_KEY", "inputPricePerMillion": 2.00, "outputPricePerMillion": 8,
                  "minAttempts": 1, "maxAttempts": 1}]},
             "notes": ["tier 'x': a note"]}""";

    private final FakeApi api = FakeApi.start();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void writesTheSuggestedLadderFileAndSaysWhatItRestsOn() throws IOException {
        api.json("GET", "/analytics/ladder", 200, SUGGESTED);
        Path file = dir.resolve("ladder.json");

        Cli.Result result = Cli.run(api, "ladder", "suggest", "--from-stack", "--workflow", "prompt", "--days", "14d",
                "--output", file.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(api.only().query()).isEqualTo("workflow=prompt&days=14");
        assertThat(Json.parse(Files.readString(file))).isEqualTo(Json.parse(SUGGESTED).path("ladderFile"));
        assertThat(Files.readString(file)).contains("\"inputPricePerMillion\": 2.00");
        assertThat(result.out()).isEqualTo("""
                Wrote %s: cheap > premium, learned from 100 items (100 runs) of workflow prompt in the last 30 days.

                Current ladder:  cheap > capable > premium: 100.0%% solved, $0.0574 per item
                Suggested:       cheap > premium: 100.0%% solved, $0.0494 per item (13.94%% less)
                Left out:        2 items: 2 because it stopped unsolved
                Assumption:      Tiers never reached are assumed.
                Note: tier 'x': a note
                """.formatted(file));
    }

    @Test
    void withoutOutputPrintsTheLadderFileAndWithJsonTheAnswer() {
        api.json("GET", "/analytics/ladder", 200, SUGGESTED);

        Cli.Result printed = Cli.run(api, "ladder", "suggest", "--from-stack");
        Cli.Result json = Cli.run(api, "ladder", "suggest", "--from-stack", "--json");

        assertThat(api.received().getFirst().query()).isNull();
        assertThat(Json.parse(printed.out())).isEqualTo(Json.parse(SUGGESTED).path("ladderFile"));
        assertThat(Json.parse(json.out())).isEqualTo(Json.parse(SUGGESTED));
    }

    @Test
    void tooLittleHistoryIsOneLineAndExitCodeOneAndWritesNothing() {
        api.json("GET", "/analytics/ladder", 200, """
                {"workflow": null, "status": "INSUFFICIENT_HISTORY", "message": "Not enough history for a ladder\
                 suggestion: 37 usable items on the current ladder in the last 30 days, 100 needed.",
                 "basis": {"items": 37, "minItems": 100}, "current": null, "suggested": null, "ladderFile": null,
                 "notes": []}""");
        Path file = dir.resolve("ladder.json");

        Cli.Result result = Cli.run(api, "ladder", "suggest", "--from-stack", "--output", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(result.errorLine()).isEqualTo("escalator: Not enough history for a ladder suggestion: 37 usable items"
                + " on the current ladder in the last 30 days, 100 needed.");
        assertThat(result.out()).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void aBadParameterIsTheApisErrorOnOneLine() {
        api.json("GET", "/analytics/ladder", 400, """
                {"error": "invalid request: days", "details": [{"field": "days",
                 "message": "must be a whole number of days from 1 to 90 (telemetry is kept 90 days), was '120'"}]}""");

        Cli.Result result = Cli.run(api, "ladder", "suggest", "--from-stack", "--days", "120");

        assertThat(result.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(result.errorLine()).contains("days").contains("was '120'");
        assertThat(result.err()).hasLineCount(1);
    }

    @Test
    void optionsOfTheOtherSourceAreAUsageError() {
        Cli.Result gateError = Cli.run(api, "ladder", "suggest", "--from-stack", "--gate-error", "0.1");
        Cli.Result workflow = Cli.run(api, "ladder", "suggest", "--train", dir.resolve("x.csv").toString(),
                "--workflow", "prompt");
        Cli.Result both = Cli.run(api, "ladder", "suggest", "--train", "x.csv", "--from-stack");
        Cli.Result neither = Cli.run(api, "ladder", "suggest");
        Cli.Result badDays = Cli.run(api, "ladder", "suggest", "--from-stack", "--days", "a week");

        assertThat(gateError.errorLine()).isEqualTo("escalator: --gate-error goes with --train: the stack's telemetry"
                + " holds the real gates' verdicts");
        assertThat(workflow.errorLine()).isEqualTo("escalator: --workflow goes with --from-stack");
        assertThat(both.errorLine()).contains("mutually exclusive");
        assertThat(neither.errorLine()).contains("Missing required argument");
        assertThat(badDays.errorLine()).contains("'a week' is not a number of days");
        for (Cli.Result result : new Cli.Result[] {gateError, workflow, both, neither, badDays}) {
            assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(result.err()).hasLineCount(1);
        }
        assertThat(api.received()).isEmpty();
    }
}
