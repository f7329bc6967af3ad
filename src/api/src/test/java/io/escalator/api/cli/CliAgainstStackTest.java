package io.escalator.api.cli;

import static io.escalator.api.ScriptedModels.CHEAP;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.escalator.api.ScriptedModels;
import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command-line client against the running local stack: runs started, followed, reported, approved and rejected. */
@QuarkusTest
@WithTestResource(ScriptedModels.class)
class CliAgainstStackTest {

    private static final String RUN = """
            {"workflow": "prompt", "objective": "What is 6 times 7?", "gates": [{"type": "equals", "value": "42"}]}""";
    private static final String NEEDS_APPROVAL = """
            {"workflow": "prompt", "objective": "What is 6 times 7?", "autoApproveUnder": 0,
             "gates": [{"type": "equals", "value": "42"}]}""";
    private static final Pattern STARTED = Pattern.compile("^Started run (\\S+)\n");
    private static final ObjectMapper JSON = new ObjectMapper();

    ScriptedOpenAiServer models;

    @BeforeEach
    void script() {
        models.reset();
        models.script(CHEAP, Reply.text("42"));
    }

    @Test
    void aRunStartedWithTheCliIsFollowedListedAndReported() throws Exception {
        EscalatorCli.Result started = EscalatorCli.withStdin(RUN, "runs", "start", "--file", "-", "--wait");

        assertThat(started.exitCode()).as(started.err()).isZero();
        Matcher id = STARTED.matcher(started.out());
        assertThat(id.find()).as(started.out()).isTrue();
        String runId = id.group(1);
        assertThat(started.out()).contains("Run:       " + runId, "Status:    SUCCEEDED", "Workflow:  prompt")
                .containsPattern("item-1 +SUCCEEDED +cheap +100\\.0")
                .containsPattern("item-1 +cheap +1 +cheap-model +100\\.0 +\\$0 +\\d+/\\d+ +SUCCEED");

        EscalatorCli.Result list = EscalatorCli.run("runs", "list", "--limit", "100");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).startsWith("RUN ").containsPattern(runId + " +SUCCEEDED +prompt +\\d{4}-\\d\\d-\\d\\d ");

        JsonNode listed = JSON.readTree(EscalatorCli.run("runs", "list", "--json", "--status", "SUCCEEDED").out());
        assertThat(listed.path("runs").findValuesAsText("runId")).contains(runId);

        EscalatorCli.Result text = EscalatorCli.run("report", runId);
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("ESCALATION REPORT  run " + runId, "TIER BREAKDOWN", "Succeeded: 1/1");

        JsonNode report = JSON.readTree(EscalatorCli.run("report", runId, "--format", "json").out());
        assertThat(report.path("items").asInt()).isEqualTo(1);
        assertThat(report.path("finalResults").path("succeeded").asInt()).isEqualTo(1);
    }

    @Test
    void showWaitFollowsARunStartedThroughTheApiUntilItEnds() throws Exception {
        String runId = start(RUN);

        EscalatorCli.Result shown = EscalatorCli.run("runs", "show", runId, "--wait", "--json");

        assertThat(shown.exitCode()).as(shown.err()).isZero();
        JsonNode run = JSON.readTree(shown.out());
        assertThat(run.path("runId").asText()).isEqualTo(runId);
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("attempts").size()).isEqualTo(1);
    }

    @Test
    void aRunWaitingForApprovalIsApprovedWithTheCliAndGoesOn() {
        String runId = start(NEEDS_APPROVAL);

        EscalatorCli.Result waiting = EscalatorCli.run("runs", "show", runId, "--wait");
        assertThat(waiting.exitCode()).isZero();
        assertThat(waiting.out()).contains("Status:    AWAITING_APPROVAL").contains("Approval:  waiting until ");
        assertThat(waiting.err()).endsWith("run " + runId + " waits for approval: escalator approve " + runId
                + ", or escalator reject " + runId + "\n");
        assertThat(models.totalCalls()).isZero();

        EscalatorCli.Result approved = EscalatorCli.run("approve", runId, "--comment", "go");
        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertThat(approved.out()).isEqualTo("Approved run " + runId + ": it is RUNNING\n");

        EscalatorCli.Result ended = EscalatorCli.run("runs", "show", runId, "--wait");
        assertThat(ended.out()).contains("Status:    SUCCEEDED", "Approval:  approved (go)");
        assertThat(models.callCount(CHEAP)).isEqualTo(1);

        EscalatorCli.Result again = EscalatorCli.run("approve", runId);
        assertThat(again.exitCode()).isZero();
        EscalatorCli.Result conflict = EscalatorCli.run("reject", runId);
        assertThat(conflict.exitCode()).isEqualTo(1);
        assertThat(conflict.err()).isEqualTo("escalator: conflict: run " + runId
                + " is SUCCEEDED: it is not waiting for approval\n");
    }

    @Test
    void aRunWaitingForApprovalIsRejectedWithTheCliAndCancelled() throws Exception {
        String runId = start(NEEDS_APPROVAL);
        EscalatorCli.run("runs", "show", runId, "--wait");

        EscalatorCli.Result rejected = EscalatorCli.run("reject", runId, "-c", "too expensive", "--json");

        assertThat(rejected.exitCode()).as(rejected.err()).isZero();
        assertThat(JSON.readTree(rejected.out()).path("status").asText()).isEqualTo("CANCELLED");
        EscalatorCli.Result shown = EscalatorCli.run("runs", "show", runId);
        assertThat(shown.out()).contains("Status:    CANCELLED (approval rejected: too expensive)");
        assertThat(models.totalCalls()).isZero();
    }

    @Test
    void anUnknownRunIsOneLineAndExitCodeOne() {
        for (String[] command : new String[][] {{"runs", "show", "no-such-run"}, {"runs", "show", "no-such-run", "--wait"},
                {"report", "no-such-run"}, {"approve", "no-such-run"}}) {
            EscalatorCli.Result result = EscalatorCli.run(command);

            assertThat(result.exitCode()).as(String.join(" ", command)).isEqualTo(1);
            assertThat(result.err()).isEqualTo("escalator: run no-such-run not found\n");
            assertThat(result.out()).isEmpty();
        }
    }

    @Test
    void aBadRequestShowsTheFieldsTheApiNamedOnOneLine() {
        EscalatorCli.Result result = EscalatorCli.withStdin("""
                {"workflow": "prompt", "objective": "x", "gates": [{"type": "regex", "pattern": "("}],
                 "budget": {"maxCost": -1}}""", "runs", "start", "-f", "-");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("escalator: invalid request: ").contains("gates[0].pattern: ", "budget.maxCost: ")
                .hasLineCount(1);
    }

    @Test
    void theReportAsAPageIsWrittenToAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String runId = start(RUN);
        EscalatorCli.run("runs", "show", runId, "--wait");
        java.nio.file.Path page = dir.resolve("report.html");

        EscalatorCli.Result result = EscalatorCli.run("report", runId, "--format", "html", "--output", page.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(java.nio.file.Files.readString(page)).startsWith("<!DOCTYPE html>").contains("<svg", runId);
    }

    private static String start(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/runs")
                .then().statusCode(202).extract().path("runId");
    }
}
