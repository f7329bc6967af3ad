package io.escalator.cli;

import static io.escalator.cli.Fixtures.RUN_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runs list}, {@code runs show} and {@code runs start} against a scripted API. */
class RunsCommandTest {

    private final FakeApi api = FakeApi.start();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void listPassesEveryFilterAndShowsATable() {
        api.json("GET", "/runs", 200, Fixtures.RUN_LIST);

        Cli.Result result = Cli.run(api, "runs", "list", "--status", "SUCCEEDED", "--workflow", "prompt",
                "--since", "2026-11-01T00:00:00Z", "--until", "2026-11-21", "--limit", "5");

        assertThat(result.exitCode()).isZero();
        FakeApi.Received request = api.only();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/runs");
        assertThat(request.query()).isEqualTo(
                "status=SUCCEEDED&workflow=prompt&since=2026-11-01T00%3A00%3A00Z&until=2026-11-21&limit=5");
        assertThat(request.accept()).isEqualTo("application/json");
        assertThat(result.out()).isEqualTo("""
                RUN                                   STATUS     WORKFLOW  CREATED                   COST  SAVED  OBJECTIVE
                1f6c2e0a-5b7d-4c1e-9a43-0d2f6b8e7c11  SUCCEEDED  prompt    2026-11-20 14:03:12  $0.000251  71.5%  Reply with the capital of Australia, one word.
                0a9b8c7d-0000-4000-8000-000000000002  RUNNING    test-gen  2026-11-20 13:00:00         $0      -  Generate JUnit tests for every public method of...
                """);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void listAsksForTwentyRunsByDefaultFollowingTheCursorUntilItHasThem() {
        api.json("GET", "/runs", 200, page(15, "abc")).json("GET", "/runs", 200, page(5, null));

        Cli.Result result = Cli.run(api, "runs", "list");

        assertThat(api.received()).extracting(FakeApi.Received::query).containsExactly("limit=20", "limit=5&cursor=abc");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).hasSize(1 + 20);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void whenThereAreMoreRunsThanShownItSaysSoOnStderr() {
        api.json("GET", "/runs", 200, page(2, "abc"));

        Cli.Result result = Cli.run(api, "runs", "list", "--limit", "2");

        assertThat(api.only().query()).isEqualTo("limit=2");
        assertThat(result.out().lines()).hasSize(1 + 2);
        assertThat(result.err()).isEqualTo("(there may be more: --limit N shows more, --all shows every one)\n");
    }

    @Test
    void listAllFollowsTheCursorThroughEveryPage() {
        api.json("GET", "/runs", 200, Fixtures.RUN_LIST.replace("\"nextCursor\": null", "\"nextCursor\": \"page 2\""))
                .json("GET", "/runs", 200, Fixtures.RUN_LIST.replace("1f6c2e0a", "2f6c2e0a")
                        .replace("0a9b8c7d", "1a9b8c7d"));

        Cli.Result result = Cli.run(api, "runs", "list", "--all", "--json");

        assertThat(api.received()).extracting(FakeApi.Received::query)
                .containsExactly("limit=100", "limit=100&cursor=page+2");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\"1f6c2e0a-", "\"0a9b8c7d-", "\"2f6c2e0a-", "\"1a9b8c7d-")
                .contains("\"nextCursor\": null");
    }

    @Test
    void aLimitAboveOnePageIsFetchedPageByPage() {
        api.json("GET", "/runs", 200, page(100, "c")).json("GET", "/runs", 200, page(3, "d"));

        Cli.Result result = Cli.run(api, "runs", "list", "--limit", "103", "--json");

        assertThat(api.received()).extracting(FakeApi.Received::query).containsExactly("limit=100", "limit=3&cursor=c");
        assertThat(Json.parse(result.out()).path("runs").size()).isEqualTo(103);
        assertThat(Json.parse(result.out()).path("nextCursor").asText()).isEqualTo("d");
    }

    @Test
    void anEmptyPageEndsTheListingEvenWithACursor() {
        api.json("GET", "/runs", 200, page(0, "again"));

        Cli.Result result = Cli.run(api, "runs", "list", "--all");

        assertThat(api.received()).hasSize(1);
        assertThat(result.out()).isEqualTo("No runs.\n");
    }

    @Test
    void listJsonPrintsTheApisAnswerIndented() {
        api.json("GET", "/runs", 200, Fixtures.RUN_LIST);

        Cli.Result result = Cli.run(api, "runs", "list", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("""
                {
                  "runs": [
                    {
                      "runId": "1f6c2e0a-5b7d-4c1e-9a43-0d2f6b8e7c11",
                      "workflow": "prompt",
                """)
                .contains("\"totalCost\": 0.000251,", "\"savingsPercent\": null", "\"nextCursor\": null");
    }

    @Test
    void anEmptyListSaysSo() {
        api.json("GET", "/runs", 200, Fixtures.EMPTY_LIST);

        assertThat(Cli.run(api, "runs", "list").out()).isEqualTo("No runs.\n");
    }

    @Test
    void limitAndAllTogetherOrALimitBelowOneAreUsageErrors() {
        Cli.Result both = Cli.run(api, "runs", "list", "--all", "--limit", "5");
        Cli.Result zero = Cli.run(api, "runs", "list", "--limit", "0");

        assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(both.errorLine()).isEqualTo(
                "escalator: --all and --limit cannot be used together (see 'escalator runs list --help')");
        assertThat(zero.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(zero.errorLine()).startsWith("escalator: --limit must be 1 or more, was 0");
        assertThat(api.received()).isEmpty();
    }

    @Test
    void showPrintsTheRunItsItemsAndEveryAttempt() {
        api.json("GET", "/runs/" + RUN_ID, 200, Fixtures.RUN_DETAILS);

        Cli.Result result = Cli.run(api, "runs", "show", RUN_ID);

        assertThat(result.exitCode()).isZero();
        assertThat(api.only().path()).isEqualTo("/runs/" + RUN_ID);
        assertThat(result.out()).isEqualTo("""
                Run:       1f6c2e0a-5b7d-4c1e-9a43-0d2f6b8e7c11
                Workflow:  prompt
                Status:    SUCCEEDED
                Created:   2026-11-20 14:03:12
                Finished:  2026-11-20 14:03:13
                Cost:      $0.000203 (all on the top tier $0.00088, saved 76.9%)
                Budget:    spent $0.000203 of $0.50; attempts 3 of 12; at most 300 s
                Estimate:  $0.0012

                ITEMS
                ID    STATUS     TIER       CQS  REASON
                easy  SUCCEEDED  cheap    100.0  CQS 100.0 reached the success line 80
                hard  SUCCEEDED  capable  100.0  CQS 100.0 reached the success line 80

                ATTEMPTS
                ITEM  TIER     #  MODEL            CQS       COST  TOKENS  DECISION  NOTE
                easy  cheap    1  cheap-model    100.0         $0   120/1  SUCCEED   CQS 100.0 reached the success line 80
                hard  cheap    1  cheap-model     50.0         $0   120/3  ESCALATE  CQS 50.0 below 70
                hard  capable  1  capable-model  100.0  $0.000203   400/2  SUCCEED   CQS 100.0 reached the success line 80
                """);
    }

    @Test
    void showJsonPrintsTheRunAsTheApiSentIt() {
        api.json("GET", "/runs/" + RUN_ID, 200, Fixtures.RUN_DETAILS);

        Cli.Result result = Cli.run(api, "runs", "show", RUN_ID, "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(Json.parse(result.out())).isEqualTo(Json.parse(Fixtures.RUN_DETAILS));
        assertThat(result.out()).contains("\"maxCost\": 0.50,");
    }

    @Test
    void showWaitPollsUntilTheRunEndsShowingProgressOnStderr() {
        api.json("GET", "/runs/" + RUN_ID, 200, Fixtures.RUN_RUNNING)
                .json("GET", "/runs/" + RUN_ID, 200, Fixtures.RUN_RUNNING)
                .json("GET", "/runs/" + RUN_ID, 200, Fixtures.RUN_DETAILS);

        Cli.Result result = Cli.run(api, "runs", "show", RUN_ID, "--wait");

        assertThat(result.exitCode()).isZero();
        assertThat(api.received()).hasSize(3);
        // not a terminal: one line per change of progress
        assertThat(result.err()).isEqualTo("run " + RUN_ID + " RUNNING  items 1/2 done  attempts 2  spent $0\n");
        assertThat(result.out()).startsWith("Run:       " + RUN_ID + "\n").contains("Status:    SUCCEEDED");
    }

    @Test
    void onATerminalTheProgressIsOneLineRewrittenInPlaceAndClearedAtTheEnd() {
        api.json("GET", "/runs/" + RUN_ID, 200, Fixtures.RUN_RUNNING)
                .json("GET", "/runs/" + RUN_ID, 200, Fixtures.RUN_DETAILS);
        Environment terminal = new Environment(java.util.Map.of(), java.io.InputStream.nullInputStream(),
                java.time.ZoneId.of("UTC"), java.time.Duration.ofMillis(10), true);

        Cli.Result result = Cli.run(terminal, api.url(), "runs", "show", RUN_ID, "--wait");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).startsWith("\rrun " + RUN_ID + " RUNNING  items 1/2 done  attempts 2  spent $0  0 s")
                .doesNotContain("\n")
                .endsWith("\r");
    }

    @Test
    void waitStopsAtARunWaitingForApprovalAndSaysHowToAnswer() {
        api.json("GET", "/runs/" + RUN_ID, 200, Fixtures.RUN_AWAITING_APPROVAL);

        Cli.Result result = Cli.run(api, "runs", "show", RUN_ID, "--wait");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("Status:    AWAITING_APPROVAL (estimate $0.0012 is above the approval line $0)")
                .contains("Approval:  waiting until 2026-11-21 14:03:12 to start: additional ~$0.0012, total ~$0.0012")
                .contains("ATTEMPTS\n  (no attempts yet)");
        assertThat(result.err()).isEqualTo("run " + RUN_ID + " waits for approval: escalator approve " + RUN_ID
                + ", or escalator reject " + RUN_ID + "\n");
    }

    @Test
    void startPostsTheRequestFileAsItIs(@TempDir Path dir) throws IOException {
        String request = """
                {"workflow": "prompt", "objective": "Reply with the capital of Australia, one word.",
                 "gates": [{"type": "regex", "pattern": "^\\\\s*Canberra\\\\s*$"}]}""";
        Path file = Files.writeString(dir.resolve("request.json"), request);
        api.json("POST", "/runs", 202, "{\"runId\": \"" + RUN_ID + "\", \"status\": \"RUNNING\"}");

        Cli.Result result = Cli.run(api, "runs", "start", "--file", file.toString());

        assertThat(result.exitCode()).isZero();
        FakeApi.Received post = api.only();
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/runs");
        assertThat(post.contentType()).isEqualTo("application/json");
        assertThat(post.body()).isEqualTo(request);
        assertThat(result.out()).isEqualTo("Started run " + RUN_ID + " (RUNNING)\n");
    }

    @Test
    void startReadsStdinAndWithWaitShowsTheFinishedRun() {
        api.json("POST", "/runs", 202, "{\"runId\": \"" + RUN_ID + "\", \"status\": \"RUNNING\"}")
                .json("GET", "/runs/" + RUN_ID, 200, Fixtures.RUN_RUNNING)
                .json("GET", "/runs/" + RUN_ID, 200, Fixtures.RUN_DETAILS);

        Cli.Result result = Cli.withStdin(api, "{\"workflow\": \"prompt\", \"objective\": \"x\"}",
                "runs", "start", "-f", "-", "--wait");

        assertThat(result.exitCode()).isZero();
        assertThat(api.received().getFirst().body()).isEqualTo("{\"workflow\": \"prompt\", \"objective\": \"x\"}");
        assertThat(result.out()).startsWith("Started run " + RUN_ID + "\nRun:       " + RUN_ID)
                .contains("Status:    SUCCEEDED");
        assertThat(result.err()).contains("RUNNING  items 1/2 done");
    }

    @Test
    void startJsonPrintsTheApisAnswerAndWithWaitTheFinishedRunOnly() {
        api.json("POST", "/runs", 202, "{\"runId\": \"" + RUN_ID + "\", \"status\": \"RUNNING\"}")
                .json("GET", "/runs/" + RUN_ID, 200, Fixtures.RUN_DETAILS);

        Cli.Result started = Cli.withStdin(api, "{}", "runs", "start", "-f", "-", "--json");
        Cli.Result waited = Cli.withStdin(api, "{}", "runs", "start", "-f", "-", "--json", "--wait");

        assertThat(started.out()).isEqualTo("{\n  \"runId\": \"" + RUN_ID + "\",\n  \"status\": \"RUNNING\"\n}\n");
        assertThat(Json.parse(waited.out())).isEqualTo(Json.parse(Fixtures.RUN_DETAILS));
    }

    @Test
    void aDryRunShowsItsPlan() {
        api.json("POST", "/runs", 200, "{\"dryRun\": true, \"plan\": {\"estimate\": {\"total\": 0.0012}}}");

        Cli.Result result = Cli.withStdin(api, "{\"dryRun\": true}", "runs", "start", "--file=-");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\"dryRun\": true", "\"total\": 0.0012");
    }

    @Test
    void aMissingOrEmptyRequestFileIsAUsageError(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.json"), "  \n");

        Cli.Result missing = Cli.run(api, "runs", "start", "--file", dir.resolve("nope.json").toString());
        Cli.Result blank = Cli.run(api, "runs", "start", "--file", empty.toString());
        Cli.Result noFile = Cli.run(api, "runs", "start");

        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.errorLine()).isEqualTo("escalator: cannot read the request " + dir.resolve("nope.json")
                + ": no such file");
        assertThat(blank.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(blank.errorLine()).isEqualTo("escalator: the request " + empty + " is empty");
        assertThat(noFile.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noFile.errorLine()).startsWith("escalator: Missing required option: '--file=FILE'");
        assertThat(api.received()).isEmpty();
    }

    /** A page of {@code count} runs. */
    private static String page(int count, String nextCursor) {
        StringBuilder runs = new StringBuilder();
        for (int i = 0; i < count; i++) {
            runs.append(i == 0 ? "" : ",").append("""
                    {"runId": "run-%d", "workflow": "prompt", "status": "SUCCEEDED", "objective": "item %d",
                     "createdAt": "2026-11-20T14:03:12Z", "totalCost": 0.001, "savingsPercent": 50.0}""".formatted(i, i));
        }
        return "{\"runs\": [" + runs + "], \"nextCursor\": " + (nextCursor == null ? "null" : "\"" + nextCursor + "\"") + "}";
    }
}
