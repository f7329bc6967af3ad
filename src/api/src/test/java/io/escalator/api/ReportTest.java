package io.escalator.api;

import static io.escalator.api.ScriptedModels.CAPABLE;
import static io.escalator.api.ScriptedModels.CHEAP;
import static io.escalator.api.ScriptedModels.PREMIUM;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The progression report, as text for a terminal and as JSON. */
@QuarkusTest
@WithTestResource(ScriptedModels.class)
class ReportTest {

    private static final String TWO_ITEMS = """
            {"workflow": "prompt", "objective": "Answer with the number only.",
             "items": [{"id": "easy", "input": "1 + 1"}, {"id": "hard", "input": "6 x 7"}],
             "gates": [{"type": "regex", "pattern": "^\\\\d+$"}, {"type": "contains", "value": "2"}]}
            """;

    /** What Firefox sends for a page. */
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String HOSTILE = "<script>alert(1)</script>";

    ScriptedOpenAiServer models;

    @BeforeEach
    void script() {
        models.reset();
        // the easy item is solved on the cheap tier; the hard one ("42" has the 2 the gate wants, "4 2" is no number)
        models.script(CHEAP, request -> request.userText().contains("1 + 1") ? Reply.text("2") : Reply.text("4 2"));
        models.script(CAPABLE, Reply.text("42").withUsage(400, 2));
        models.script(PREMIUM, Reply.text("unused"));
    }

    @Test
    void theTextReportShowsTiersResultsAndSavings() {
        String runId = Runs.start(TWO_ITEMS);
        Runs.awaitEnd(runId);

        String report = given().when().get("/runs/{id}/report", runId)
                .then().statusCode(200).contentType("text/plain").extract().asString();

        assertThat(report).contains("ESCALATION REPORT", "TIER BREAKDOWN", "FINAL RESULTS", "COST ANALYSIS")
                .contains("cheap (cheap-model)", "capable (capable-model)")
                .contains("Succeeded: 2/2")
                .contains("All on top tier:");
        assertThat(report).doesNotContain("NEEDS ATTENTION");
    }

    @Test
    void theJsonReportCarriesTheSameFigures() {
        String runId = Runs.start(TWO_ITEMS);
        Runs.awaitEnd(runId);

        JsonPath report = given().accept("application/json").when().get("/runs/{id}/report", runId)
                .then().statusCode(200).extract().jsonPath();

        assertThat(report.getInt("items")).isEqualTo(2);
        assertThat(report.getInt("tiers[0].itemsReached")).isEqualTo(2);
        assertThat(report.getInt("tiers[0].succeeded")).isEqualTo(1);
        assertThat(report.getInt("tiers[0].attempts")).isEqualTo(3);
        assertThat(report.getInt("tiers[1].itemsReached")).isEqualTo(1);
        assertThat(report.getInt("tiers[1].succeeded")).isEqualTo(1);
        assertThat(report.getInt("tiers[2].itemsReached")).isZero();
        assertThat(report.getInt("finalResults.succeeded")).isEqualTo(2);
        assertThat(report.getList("progression.item")).containsExactly("easy", "hard");
        assertThat(report.getList("progression[1].attempts.result")).endsWith("PASSED");
        // capable: 400 x $0.50/M + 2 x $1.50/M
        assertThat(new java.math.BigDecimal(report.getString("costAnalysis.totalCost"))).isEqualByComparingTo("0.000203");
    }

    @Test
    void aBrowserGetsTheReportAsAPageWithTheTierProgressionChart() {
        String runId = Runs.start(TWO_ITEMS);
        Runs.awaitEnd(runId);

        String page = given().header("Accept", BROWSER_ACCEPT).when().get("/runs/{id}/report", runId)
                .then().statusCode(200).contentType("text/html")
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Vary", "Accept")
                .extract().asString();

        assertThat(page).startsWith("<!DOCTYPE html>").contains("Escalation report: run " + runId)
                .contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"progression\"", "class=\"mark passed\"",
                        "class=\"mark fell-short\"", "class=\"cost-bar\"")
                .doesNotContain("<script", "<link", "src=");
    }

    @Test
    void theFormatParameterChoosesTheFormWhateverTheAcceptHeader() {
        String runId = Runs.start(TWO_ITEMS);
        Runs.awaitEnd(runId);

        given().accept("application/json").queryParam("format", "html").when().get("/runs/{id}/report", runId)
                .then().statusCode(200).contentType("text/html");
        given().header("Accept", BROWSER_ACCEPT).queryParam("format", "json").when().get("/runs/{id}/report", runId)
                .then().statusCode(200).contentType("application/json").body("items", equalTo(2));
        given().header("Accept", BROWSER_ACCEPT).queryParam("format", "text").when().get("/runs/{id}/report", runId)
                .then().statusCode(200).contentType("text/plain").body(containsString("ESCALATION REPORT"));
        given().queryParam("format", "pdf").when().get("/runs/{id}/report", runId)
                .then().statusCode(400).contentType("application/json").body("details[0].field", equalTo("format"))
                .body("details[0].message", containsString("text, json, html"));
        given().header("Accept", BROWSER_ACCEPT).when().get("/runs/{id}/report", "no-such-run")
                .then().statusCode(404).contentType("application/json").body("error", containsString("no-such-run"));
    }

    @Test
    void answersAndInputsAreEscapedInThePage() {
        models.script(CAPABLE, Reply.text(HOSTILE));
        models.script(PREMIUM, request -> request.messages().getFirst().content().contains("reviewer")
                ? Reply.text("{\"confidence\": 0.2, \"assessment\": \"it answered " + HOSTILE.replace("\"", "\\\"") + "\"}")
                : Reply.text(HOSTILE));
        String runId = Runs.start("""
                {"workflow": "prompt", "objective": "Answer with the number only. <script>alert(1)</script>",
                 "items": [{"id": "easy", "input": "1 + 1"}, {"id": "hard", "input": "6 x 7 <script>alert(1)</script>"}],
                 "gates": [{"type": "regex", "pattern": "^\\\\d+$"}, {"type": "contains", "value": "2"}]}
                """);
        Runs.awaitEnd(runId);

        String page = given().queryParam("format", "html").when().get("/runs/{id}/report", runId)
                .then().statusCode(200).extract().asString();

        assertThat(page.toLowerCase()).doesNotContain("<script");
        assertThat(page).contains("Answer with the number only. &lt;script&gt;alert(1)&lt;/script&gt;",
                "6 x 7 &lt;script&gt;alert(1)&lt;/script&gt;", "it answered &lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void aRunNeedingAHumanListsWhatWasTriedAtEachTier() {
        models.script(CAPABLE, Reply.text("forty-two"));
        models.script(PREMIUM, request -> request.messages().getFirst().content().contains("reviewer")
                ? Reply.text("{\"confidence\": 0.2, \"assessment\": \"cannot be solved as asked\"}")
                : Reply.text("six times seven"));
        String runId = Runs.start(TWO_ITEMS);
        Runs.awaitEnd(runId);

        String report = given().when().get("/runs/{id}/report", runId).then().statusCode(200).extract().asString();

        assertThat(report).contains("NEEDS ATTENTION", "hard: NEEDS_HUMAN", "cheap #1", "capable #2", "premium #1")
                .contains("failed regex: answer does not match the pattern")
                .contains("cannot be solved as asked");
    }
}
