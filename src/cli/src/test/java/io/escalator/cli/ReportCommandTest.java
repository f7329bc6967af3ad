package io.escalator.cli;

import static io.escalator.cli.Fixtures.RUN_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report ID}: the format chosen is the Accept header sent; the answer is printed or written. */
class ReportCommandTest {

    private static final String TEXT = "ESCALATION REPORT  run " + RUN_ID + "\n\nWorkflow:   prompt\n";
    private static final String REPORT_JSON = "{\"runId\":\"" + RUN_ID + "\",\"items\":2,\"costAnalysis\":{\"totalCost\":0.000203}}";
    private static final String HTML = "<!DOCTYPE html><html><body><svg></svg></body></html>";

    private final FakeApi api = FakeApi.start();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void textIsTheDefault() {
        api.answer("GET", "/runs/" + RUN_ID + "/report", new FakeApi.Answer(200, "text/plain;charset=UTF-8", TEXT));

        Cli.Result result = Cli.run(api, "report", RUN_ID);

        assertThat(result.exitCode()).isZero();
        assertThat(api.only().accept()).isEqualTo("text/plain");
        assertThat(result.out()).isEqualTo(TEXT);
    }

    @Test
    void jsonAsksForJsonAndPrintsItIndented() {
        api.json("GET", "/runs/" + RUN_ID + "/report", 200, REPORT_JSON);

        Cli.Result format = Cli.run(api, "report", RUN_ID, "--format", "json");
        Cli.Result flag = Cli.run(api, "report", RUN_ID, "--json");

        assertThat(api.received()).extracting(FakeApi.Received::accept).containsExactly("application/json", "application/json");
        assertThat(format.out()).isEqualTo("""
                {
                  "runId": "%s",
                  "items": 2,
                  "costAnalysis": {
                    "totalCost": 0.000203
                  }
                }
                """.formatted(RUN_ID));
        assertThat(flag.out()).isEqualTo(format.out());
    }

    @Test
    void htmlIsWrittenToTheOutputFile(@TempDir Path dir) throws IOException {
        api.answer("GET", "/runs/" + RUN_ID + "/report", new FakeApi.Answer(200, "text/html", HTML));
        Path page = dir.resolve("report.html");

        Cli.Result result = Cli.run(api, "report", RUN_ID, "--format", "HTML", "--output", page.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(api.only().accept()).isEqualTo("text/html");
        assertThat(Files.readString(page)).isEqualTo(HTML + "\n");
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("Wrote the report of run " + RUN_ID + " to " + page + "\n");
    }

    @Test
    void anUnknownFormatOrAnUnwritableFileIsAUsageError(@TempDir Path dir) {
        api.answer("GET", "/runs/" + RUN_ID + "/report", new FakeApi.Answer(200, "text/plain", TEXT));

        Cli.Result format = Cli.run(api, "report", RUN_ID, "--format", "pdf");
        Cli.Result file = Cli.run(api, "report", RUN_ID, "-o", dir.resolve("missing/dir/report.txt").toString());

        assertThat(format.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(format.errorLine()).startsWith("escalator: Invalid value for option '--format': expected one of [TEXT, JSON, HTML]");
        assertThat(file.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(file.errorLine()).startsWith("escalator: cannot write the report to " + dir.resolve("missing/dir/report.txt"));
    }

    @Test
    void anUnknownRunIsNotFound() {
        Cli.Result result = Cli.run(api, "report", "no-such-run");

        assertThat(result.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(result.errorLine()).isEqualTo("escalator: run no-such-run not found");
        assertThat(result.out()).isEmpty();
    }
}
