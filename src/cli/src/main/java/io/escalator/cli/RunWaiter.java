package io.escalator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Follows a run until it stops running: it ends, or waits for approval. Meanwhile it shows its progress on stderr:
 * on a terminal one line rewritten in place (with the time waited), elsewhere a line each time the progress changes.
 */
final class RunWaiter {

    private final ApiClient api;
    private final Environment environment;
    private final PrintWriter err;

    RunWaiter(ApiClient api, Environment environment, PrintWriter err) {
        this.api = api;
        this.environment = environment;
        this.err = err;
    }

    /** Polls {@code GET /runs/{id}} until the run is no longer {@code RUNNING}; returns its details then. */
    JsonNode await(String runId) {
        long started = System.nanoTime();
        String shown = null;
        int width = 0;
        try {
            while (true) {
                JsonNode run = Runs.details(api, runId);
                if (!Runs.RUNNING.equals(Json.text(run, "status"))) {
                    return run;
                }
                String progress = progress(run);
                if (environment.interactive()) {
                    String line = progress + "  " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s";
                    err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
                    err.flush();
                    width = line.length();
                } else if (!progress.equals(shown)) {
                    err.println(progress);
                    err.flush();
                }
                shown = progress;
                pause();
            }
        } finally {
            if (width > 0) {
                err.print("\r" + " ".repeat(width) + "\r");
                err.flush();
            }
        }
    }

    /** {@code run 1f6c… RUNNING  items 1/2 done  attempts 3  spent $0.000081}. */
    static String progress(JsonNode run) {
        JsonNode items = run.path("items");
        long done = 0;
        for (JsonNode item : items) {
            if (!"OPEN".equals(Json.text(item, "status"))) {
                done++;
            }
        }
        return "run " + Json.text(run, "runId") + " " + Json.text(run, "status")
                + "  items " + done + "/" + items.size() + " done"
                + "  attempts " + run.path("attempts").size()
                + "  spent " + Formats.money(Json.field(run.path("budget"), "spent"));
    }

    private void pause() {
        try {
            Thread.sleep(environment.pollInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.api("interrupted while waiting for the run");
        }
    }
}
