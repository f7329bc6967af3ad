package io.escalator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code escalator report ID}: the run's progression report as text, JSON or an HTML page. */
@Command(name = "report", description = "A run's progression report.")
class ReportCommand extends ApiCommand {

    enum Format {
        TEXT("text/plain"),
        JSON(ApiRequest.JSON),
        HTML("text/html");

        final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    @Parameters(paramLabel = "ID", description = "The run.")
    String runId;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json or html (a page with the tier progression as a chart); --json is "
                    + "the same as --format json.")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Override
    void execute() {
        Format chosen = json() ? Format.JSON : format;
        String body = api().send(Runs.get(runId, "/report").accept(chosen.mediaType)).body();
        String report = chosen == Format.JSON ? Json.pretty(Json.parse(body)) : body;
        if (!report.endsWith("\n")) {
            report += "\n";
        }
        if (output == null) {
            out().print(report);
            return;
        }
        try {
            Files.writeString(output, report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.usage("cannot write the report to " + output + ": " + e.getMessage());
        }
        err().println("Wrote the report of run " + runId + " to " + output);
    }
}
