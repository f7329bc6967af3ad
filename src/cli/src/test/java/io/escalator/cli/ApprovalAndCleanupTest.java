package io.escalator.cli;

import static io.escalator.cli.Fixtures.RUN_ID;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code approve}, {@code reject} and {@code cleanup}: the bodies they post and what they print. */
class ApprovalAndCleanupTest {

    private final FakeApi api = FakeApi.start();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void approvePostsTheAnswerWithItsComment() {
        api.json("POST", "/runs/" + RUN_ID + "/approval", 200, "{\"runId\": \"" + RUN_ID + "\", \"status\": \"RUNNING\"}");

        Cli.Result result = Cli.run(api, "approve", RUN_ID, "--comment", "worth it");

        assertThat(result.exitCode()).isZero();
        FakeApi.Received post = api.only();
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.contentType()).isEqualTo("application/json");
        assertThat(Json.parse(post.body())).isEqualTo(Json.parse("{\"approve\": true, \"comment\": \"worth it\"}"));
        assertThat(result.out()).isEqualTo("Approved run " + RUN_ID + ": it is RUNNING\n");
    }

    @Test
    void rejectWithoutACommentSendsNone() {
        api.json("POST", "/runs/" + RUN_ID + "/approval", 200, "{\"runId\": \"" + RUN_ID + "\", \"status\": \"CANCELLED\"}");

        Cli.Result result = Cli.run(api, "reject", RUN_ID, "--json");

        assertThat(Json.parse(api.only().body())).isEqualTo(Json.parse("{\"approve\": false}"));
        assertThat(result.out()).isEqualTo("{\n  \"runId\": \"" + RUN_ID + "\",\n  \"status\": \"CANCELLED\"\n}\n");
    }

    @Test
    void approvingARunThatIsNotWaitingIsAConflict() {
        api.json("POST", "/runs/" + RUN_ID + "/approval", 409, """
                {"error": "run %s is SUCCEEDED: it is not waiting for approval", "status": "SUCCEEDED"}""".formatted(RUN_ID));

        Cli.Result result = Cli.run(api, "approve", RUN_ID);

        assertThat(result.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(result.errorLine()).isEqualTo(
                "escalator: conflict: run " + RUN_ID + " is SUCCEEDED: it is not waiting for approval");
    }

    @Test
    void approvingAnUnknownRunIsNotFound() {
        api.json("POST", "/runs/nope/approval", 404, "{\"error\": \"no run with id nope\"}");

        Cli.Result result = Cli.run(api, "reject", "nope");

        assertThat(result.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(result.errorLine()).isEqualTo("escalator: run nope not found");
    }

    @Test
    void cleanupPostsTheDaysAndShowsWhatWasDone() {
        api.json("POST", "/jobs/cleanup", 200, Fixtures.CLEANUP);

        Cli.Result result = Cli.run(api, "cleanup", "--older-than", "30d", "--telemetry-older-than", "90");

        assertThat(result.exitCode()).isZero();
        FakeApi.Received post = api.only();
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/jobs/cleanup");
        assertThat(Json.parse(post.body())).isEqualTo(Json.parse("{\"olderThanDays\": 30, \"telemetryOlderThanDays\": 90}"));
        assertThat(result.out()).isEqualTo("""
                Deleted runs:           14
                Cancelled approvals:     1
                Deleted telemetry:    1203
                Rolled up runs:         14
                """);
    }

    @Test
    void cleanupWithoutTelemetryDaysLeavesThemToTheApiAndJsonIsTheApisAnswer() {
        api.json("POST", "/jobs/cleanup", 200, Fixtures.CLEANUP);

        Cli.Result result = Cli.run(api, "cleanup", "--older-than", "7", "--json");

        assertThat(Json.parse(api.only().body())).isEqualTo(Json.parse("{\"olderThanDays\": 7}"));
        assertThat(Json.parse(result.out())).isEqualTo(Json.parse(Fixtures.CLEANUP));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3x", "-5", "-5d", "d", "30 days", "1.5d", ""})
    void anythingButDaysIsAUsageError(String days) {
        Cli.Result result = Cli.run(api, "cleanup", "--older-than", days);

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.errorLine()).isEqualTo("escalator: Invalid value for option '--older-than': '" + days
                + "' is not a number of days; use e.g. 30d or 30 (see 'escalator cleanup --help')");
        assertThat(api.received()).isEmpty();
    }

    @Test
    void olderThanIsRequired() {
        Cli.Result result = Cli.run(api, "cleanup");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.errorLine()).startsWith("escalator: Missing required option: '--older-than=DAYS'");
    }
}
