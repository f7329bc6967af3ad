package io.escalator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code escalator runs list|show|start}. */
@Command(name = "runs", description = "List, show and start runs.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class, RunsCommand.Start.class})
class RunsCommand {

    /** What {@code GET /runs} gives at most per page. */
    static final int MAX_PAGE = 100;
    private static final int OBJECTIVE_CHARS = 50;

    @Command(name = "list", description = "Runs, newest first.")
    static class ListRuns extends ApiCommand {

        @Option(names = "--status", paramLabel = "STATUS", description = "Only runs in this status, e.g. SUCCEEDED.")
        String status;

        @Option(names = "--workflow", paramLabel = "WORKFLOW", description = "Only runs of this workflow, e.g. prompt.")
        String workflow;

        @Option(names = "--since", paramLabel = "TIME", description = "Only runs created at or after this time.")
        String since;

        @Option(names = "--until", paramLabel = "TIME", description = "Only runs created before this time.")
        String until;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
                description = "Show at most N runs (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--all", description = "Show every run, page after page.")
        boolean all;

        @Override
        void execute() {
            if (all && spec.commandLine().getParseResult().hasMatchedOption("--limit")) {
                throw new ParameterException(spec.commandLine(), "--all and --limit cannot be used together");
            }
            if (limit < 1) {
                throw new ParameterException(spec.commandLine(), "--limit must be 1 or more, was " + limit);
            }
            int wanted = all ? Integer.MAX_VALUE : limit;
            List<JsonNode> runs = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = api().json(ApiRequest.get("/runs")
                        .query("status", status).query("workflow", workflow)
                        .query("since", since).query("until", until)
                        .query("limit", Math.min(wanted - runs.size(), MAX_PAGE))
                        .query("cursor", cursor));
                int before = runs.size();
                page.path("runs").forEach(runs::add);
                cursor = Json.text(page, "nextCursor");
                if (runs.size() == before) {
                    break;
                }
            } while (cursor != null && runs.size() < wanted);

            if (json()) {
                ObjectNode list = Json.object();
                list.putArray("runs").addAll(runs);
                list.put("nextCursor", cursor);
                printJson(list);
                return;
            }
            if (runs.isEmpty()) {
                out().println("No runs.");
                return;
            }
            Table table = Table.of("RUN", "STATUS", "WORKFLOW", "CREATED", "COST", "SAVED", "OBJECTIVE").alignRight(4, 5);
            for (JsonNode run : runs) {
                table.row(Json.text(run, "runId"), Json.text(run, "status"), Json.text(run, "workflow"),
                        Formats.time(run.get("createdAt"), environment().zone()), Formats.money(run.get("totalCost")),
                        Formats.percent(run.get("savingsPercent")),
                        Formats.abbreviate(Json.text(run, "objective"), OBJECTIVE_CHARS));
            }
            table.print(out());
            if (cursor != null) {
                err().println("(there may be more: --limit N shows more, --all shows every one)");
            }
        }
    }

    @Command(name = "show", description = "A run: status, cost, items and every attempt.")
    static class Show extends ApiCommand {

        @Parameters(paramLabel = "ID", description = "The run.")
        String runId;

        @Option(names = "--wait", description = "Wait until the run stops running (it ends, or waits for approval), "
                + "showing its progress on stderr.")
        boolean wait;

        @Override
        void execute() {
            show(this, wait ? await(this, runId) : Runs.details(api(), runId));
        }
    }

    @Command(name = "start", description = "Start a run from a request file.")
    static class Start extends ApiCommand {

        @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
                description = "The run request (JSON, as POST /runs takes it); - reads it from stdin.")
        String file;

        @Option(names = "--wait", description = "Then wait until the run stops running, showing its progress on stderr.")
        boolean wait;

        @Override
        void execute() {
            JsonNode started = api().json(ApiRequest.post("/runs", request()));
            String runId = Json.text(started, "runId");
            if (runId == null) {
                // a dry run ({"dryRun": true} in the request): its estimate and plan, nothing started
                printJson(started);
                return;
            }
            if (!wait) {
                if (json()) {
                    printJson(started);
                } else {
                    out().println("Started run " + runId + " (" + Json.text(started, "status") + ")");
                }
                return;
            }
            if (!json()) {
                out().println("Started run " + runId);
                out().flush();
            }
            show(this, await(this, runId));
        }

        private String request() {
            String body;
            try {
                if ("-".equals(file)) {
                    InputStream stdin = environment().stdin();
                    body = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
                } else {
                    body = Files.readString(Path.of(file), StandardCharsets.UTF_8);
                }
            } catch (NoSuchFileException e) {
                throw CliException.usage("cannot read the request " + file + ": no such file");
            } catch (IOException e) {
                throw CliException.usage("cannot read the request " + file + ": " + e.getMessage());
            }
            if (body.isBlank()) {
                throw CliException.usage("the request " + ("-".equals(file) ? "on stdin" : file) + " is empty");
            }
            return body;
        }
    }

    private static JsonNode await(ApiCommand command, String runId) {
        JsonNode run = new RunWaiter(command.api(), command.environment(), command.err()).await(runId);
        if (Runs.AWAITING_APPROVAL.equals(Json.text(run, "status"))) {
            command.err().println("run " + runId + " waits for approval: escalator approve " + runId
                    + ", or escalator reject " + runId);
        }
        return run;
    }

    private static void show(ApiCommand command, JsonNode run) {
        if (command.json()) {
            command.printJson(run);
        } else {
            RunView.print(run, command.out(), command.environment().zone());
        }
    }
}
