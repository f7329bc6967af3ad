package io.escalator.api.cli;

import static io.escalator.api.ScriptedModels.CHEAP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.escalator.api.ScriptedModels;
import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's analytics, recommendations and cleanup against the running local stack. */
@QuarkusTest
@WithTestResource(ScriptedModels.class)
class CliAnalyticsAgainstStackTest {

    private static final String RUN = """
            {"workflow": "prompt", "objective": "What is 6 times 7?", "gates": [{"type": "equals", "value": "42"}]}""";
    private static final ObjectMapper JSON = new ObjectMapper();

    ScriptedOpenAiServer models;

    @BeforeEach
    void script() {
        models.reset();
        models.script(CHEAP, Reply.text("42"));
    }

    @Test
    void analyticsShowTheTiersOfTheRunsMadeTodayAsATableAndAsJson() throws Exception {
        assertThat(EscalatorCli.withStdin(RUN, "runs", "start", "--file", "-", "--wait").exitCode()).isZero();
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        EscalatorCli.Result table = EscalatorCli.run("analytics", "--workflow", "prompt", "--until", today);
        JsonNode json = JSON.readTree(EscalatorCli.run("analytics", "--workflow", "prompt", "--until", today, "--json").out());

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("cheap").contains(today);
        assertThat(json.path("runs").asLong()).isPositive();
        assertThat(json.path("tiers").findValuesAsText("tier")).contains("cheap");
    }

    @Test
    void aBadDateIsOneLineAndExitCodeOne() {
        EscalatorCli.Result result = EscalatorCli.run("analytics", "--since", "2026-13-01");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("escalator: ").contains("since").doesNotContain("\n\tat ");
        assertThat(result.err().strip().lines()).hasSize(1);
    }

    @Test
    void recommendationsAnswerEvenWithoutEnoughHistory() throws Exception {
        EscalatorCli.Result result = EscalatorCli.run("recommendations", "--workflow", "test-gen", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(JSON.readTree(result.out()).path("recommendations").isArray()).isTrue();
    }

    @Test
    void cleanupRunsTheRetentionJobAndSaysWhatItDid() throws Exception {
        EscalatorCli.Result result = EscalatorCli.run("cleanup", "--older-than", "36500d", "--telemetry-older-than", "36500",
                "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode report = JSON.readTree(result.out());
        assertThat(report.path("deletedRuns").asInt()).isZero();
        assertThat(report.path("deletedTelemetry").asInt()).isZero();
        assertThat(report.has("rolledUpRuns")).isTrue();
    }
}
