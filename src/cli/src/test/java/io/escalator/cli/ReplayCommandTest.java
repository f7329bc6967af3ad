package io.escalator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {

    /** cheap is right on p0 and p3 for $0.001, top on p0, p1 and p3 for $0.01; p4 lacks top's answer. */
    static final String RECORDED = """
            ,sample_id,prompt,eval_name,cheap,top,cheap|model_response,top|model_response,cheap|total_cost,top|total_cost
            0,p0,"Which is it?
            A or B",e,1.0,1.0,"A, surely","A",0.001,0.01
            1,p1,q,e,0.0,1.0,"He said ""B"" here",A,0.001,0.01
            2,p2,q,e,0.0,0.0,B,B,0.001,0.01
            3,p3,q,e,1.0,1.0,A,A,0.001,0.01
            4,p4,q,e,1.0,,A,,0.001,
            """;

    static final String LADDER = """
            {"tiers": [
              {"name": "c", "provider": "replay", "model": "cheap", "inputPricePerMillion": 0, "outputPricePerMillion": 0},
              {"name": "t", "provider": "replay", "model": "top", "inputPricePerMillion": 0, "outputPricePerMillion": 0}
            ]}""";

    @TempDir
    Path dir;

    @Test
    void replaysALadderFileAsATable() throws IOException {
        Cli.Result result = run("replay", "--data", write("data.csv", RECORDED), "--ladder", write("ladder.json", LADDER));

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains(
                "Replay of 4 prompts (1 skipped: a model has no recorded answer), gate error 0, seed 1",
                "Ladder:           cheap > top",
                "Accuracy:         75.0% (premium's or better)",
                "Cost per prompt:  $0.0065",
                "Premium:          top: 75.0% at $0.01 per prompt",
                "Savings:          35.0% of the premium's cost",
                "Needs human:      1 prompts",
                "   1  cheap   100.0%",
                "   2  top      50.0%",
                "cheap             50.0%       $0.001",
                "top (premium)     75.0%        $0.01");
    }

    @Test
    void printsTheAgreedJsonObject() throws IOException {
        Cli.Result result = run("replay", "--data", write("data.csv", RECORDED), "--ladder", write("ladder.json", LADDER),
                "--json");

        JsonNode report = Json.parse(result.out());
        assertThat(report.path("ladder").toString()).isEqualTo("[\"cheap\",\"top\"]");
        assertThat(report.path("prompts").asInt()).isEqualTo(4);
        assertThat(report.path("accuracy").asDouble()).isEqualTo(0.75);
        assertThat(report.path("costPerPrompt").decimalValue()).isEqualByComparingTo("0.0065");
        assertThat(report.path("premium").path("model").asText()).isEqualTo("top");
        assertThat(report.path("savingsPercent").asDouble()).isEqualTo(35.0);
    }

    @Test
    void learnsTheLadderWithTrainAndWritesItWithLadderSuggest() throws IOException {
        String data = write("data.csv", RECORDED);
        Path ladderFile = dir.resolve("suggested.json");

        Cli.Result replay = run("replay", "--data", data, "--train", data, "--json");
        Cli.Result suggest = run("ladder", "suggest", "--train", data, "--output", ladderFile.toString());
        Cli.Result printed = run("ladder", "suggest", "--train", data, "--gate-error", "0.2", "--seed", "5");

        assertThat(replay.exitCode()).isZero();
        // cheap then top is the only ladder as accurate as top alone, and cheaper
        assertThat(Json.parse(replay.out()).path("ladder").toString()).isEqualTo("[\"cheap\",\"top\"]");
        assertThat(suggest.exitCode()).isZero();
        assertThat(suggest.out()).startsWith("Wrote " + ladderFile).contains("Ladder:           cheap > top");
        assertThat(Json.parse(Files.readString(ladderFile)).path("tiers").findValuesAsText("provider"))
                .containsOnly("replay");
        assertThat(Cli.run(Environment.of(Map.of()), null, "replay", "--data", data, "--ladder", ladderFile.toString())
                .out()).contains("Ladder:           cheap > top");
        assertThat(printed.exitCode()).isZero();
        assertThat(Json.parse(printed.out()).path("tiers").isArray()).isTrue();
    }

    @Test
    void badInputIsOneLineAndAUsageError() throws IOException {
        String data = write("data.csv", RECORDED);
        String ladder = write("ladder.json", LADDER);

        Cli.Result missing = run("replay", "--data", dir.resolve("nope.csv").toString(), "--ladder", ladder);
        Cli.Result rate = run("replay", "--data", data, "--ladder", ladder, "--gate-error", "1.5");
        Cli.Result unknown = run("replay", "--data", data, "--ladder", write("other.json", LADDER.replace("\"top\"", "\"gpt-9\"")));
        Cli.Result badLadder = run("replay", "--data", data, "--ladder", write("bad.json", "{\"tiers\": []}"));
        Cli.Result both = run("replay", "--data", data, "--ladder", ladder, "--train", data);

        assertThat(missing.errorLine()).isEqualTo("escalator: " + dir.resolve("nope.csv") + ": no such file");
        assertThat(rate.errorLine()).isEqualTo("escalator: --gate-error: the gate error rate must be between 0 and 1, not 1.5");
        assertThat(unknown.errorLine()).isEqualTo("escalator: model 'gpt-9' is not in " + data + "; its models are: cheap, top");
        assertThat(badLadder.errorLine()).startsWith("escalator: Ladder " + dir.resolve("bad.json") + " is invalid");
        assertThat(both.errorLine()).startsWith("escalator: Error: --ladder=FILE, --train=FILE are mutually exclusive");
        for (Cli.Result result : new Cli.Result[] {missing, rate, unknown, badLadder, both}) {
            assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(result.err()).hasLineCount(1);
            assertThat(result.out()).isEmpty();
        }
    }

    private Cli.Result run(String... args) {
        return Cli.run(Environment.of(Map.of()), null, args);
    }

    private String write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content).toString();
    }
}
