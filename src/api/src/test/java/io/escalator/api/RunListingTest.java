package io.escalator.api;

import static io.escalator.api.ScriptedModels.CAPABLE;
import static io.escalator.api.ScriptedModels.CHEAP;
import static io.escalator.api.ScriptedModels.PREMIUM;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Listing runs: newest first, page by page following the cursor, filtered by status, workflow and time. */
@QuarkusTest
@WithTestResource(ScriptedModels.class)
class RunListingTest {

    private static final String SAY_YES = "[{\"type\":\"contains\",\"value\":\"yes\"}]";

    ScriptedOpenAiServer models;

    @Test
    void runsAreListedNewestFirstAcrossPages() {
        models.reset();
        models.script(CHEAP, Reply.text("yes"));
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String runId = Runs.start(Runs.promptRun("Say yes " + i, SAY_YES));
            Runs.awaitEnd(runId);
            started.addFirst(runId);
        }

        List<String> listed = new ArrayList<>();
        for (JsonPath page : pages(Map.of(), 2)) {
            assertThat(page.getList("runs")).hasSizeLessThanOrEqualTo(2);
            listed.addAll(page.getList("runs.runId", String.class));
        }

        assertThat(listed).containsSubsequence(started);
        assertThat(listed).doesNotHaveDuplicates();
        JsonPath first = given().queryParam("limit", 1).when().get("/runs").then().extract().jsonPath();
        assertThat(first.getString("runs[0].runId")).isEqualTo(started.getFirst());
        assertThat(first.getString("runs[0].status")).isEqualTo("SUCCEEDED");
        assertThat(first.getString("runs[0].objective")).isEqualTo("Say yes 4");
    }

    @Test
    void runsAreFilteredByStatusWorkflowAndATimeRangeFromSinceUpToUntil() {
        ThreeRuns runs = startThreeRuns();
        String since = runs.firstCreatedAt;

        assertThat(ids(Map.of("since", since))).containsExactly(runs.third, runs.second, runs.first);
        assertThat(ids(Map.of("since", since, "status", "SUCCEEDED"))).containsExactly(runs.third, runs.first);
        assertThat(ids(Map.of("since", since, "status", "needs_human"))).containsExactly(runs.second);
        assertThat(ids(Map.of("since", since, "workflow", "prompt"))).containsExactly(runs.third, runs.second, runs.first);
        assertThat(ids(Map.of("since", since, "workflow", "test-gen"))).isEmpty();
        assertThat(ids(Map.of("since", since, "workflow", "prompt", "status", "NEEDS_HUMAN"))).containsExactly(runs.second);
        assertThat(ids(Map.of("since", runs.secondCreatedAt))).as("since is inclusive").containsExactly(runs.third, runs.second);
        assertThat(ids(Map.of("since", since, "until", runs.thirdCreatedAt))).as("until is exclusive")
                .containsExactly(runs.second, runs.first);
    }

    @Test
    void filteredPagesAreFullUntilTheLastAndRepeatNoRun() {
        ThreeRuns runs = startThreeRuns();
        Map<String, String> succeededPrompts = Map.of("since", runs.firstCreatedAt, "status", "SUCCEEDED", "workflow", "prompt");

        List<JsonPath> pages = pages(succeededPrompts, 1);

        assertThat(pages).extracting(page -> page.getList("runs.runId", String.class))
                .containsExactly(List.of(runs.third), List.of(runs.first));
        assertThat(pages.getLast().getString("nextCursor")).isNull();
        assertThat(pages(succeededPrompts, 2)).hasSize(1);
    }

    @Test
    void aCursorIsRefusedWithAnotherFilterThanItWasIssuedFor() {
        ThreeRuns runs = startThreeRuns();
        String cursor = given().queryParam("since", runs.firstCreatedAt).queryParam("status", "SUCCEEDED").queryParam("limit", 1)
                .when().get("/runs").then().statusCode(200).extract().path("nextCursor");

        given().queryParam("since", runs.firstCreatedAt).queryParam("status", "NEEDS_HUMAN").queryParam("cursor", cursor)
                .when().get("/runs")
                .then().statusCode(400).body("details[0].field", equalTo("cursor"));
        given().queryParam("since", runs.firstCreatedAt).queryParam("status", "SUCCEEDED").queryParam("cursor", cursor)
                .when().get("/runs")
                .then().statusCode(200).body("runs.runId", equalTo(List.of(runs.first)));
    }

    /** Three runs, one after the other: the first and third succeed, the second needs a human. */
    private record ThreeRuns(String first, String second, String third, String firstCreatedAt, String secondCreatedAt,
                         String thirdCreatedAt) {
    }

    private ThreeRuns startThreeRuns() {
        models.reset();
        models.script(CHEAP, request -> request.userText().contains("Fail") ? Reply.text("no") : Reply.text("yes"));
        models.script(CAPABLE, Reply.text("no"));
        models.script(PREMIUM, request -> request.messages().getFirst().content().contains("reviewer")
                ? Reply.text("{\"confidence\": 0.1, \"assessment\": \"it says no\"}")
                : Reply.text("no"));
        List<String> ids = new ArrayList<>();
        List<String> createdAt = new ArrayList<>();
        for (String objective : List.of("Say yes", "Fail to say it", "Say yes again")) {
            String runId = Runs.start(Runs.promptRun(objective, SAY_YES));
            createdAt.add(Runs.awaitEnd(runId).getString("createdAt"));
            ids.add(runId);
        }
        return new ThreeRuns(ids.get(0), ids.get(1), ids.get(2), createdAt.get(0), createdAt.get(1), createdAt.get(2));
    }

    private static List<String> ids(Map<String, String> filter) {
        return given().queryParams(filter).queryParam("limit", 100).when().get("/runs")
                .then().statusCode(200).body("nextCursor", equalTo(null))
                .extract().jsonPath().getList("runs.runId", String.class);
    }

    /** Every page of a listing, following the cursor. */
    private static List<JsonPath> pages(Map<String, String> filter, int limit) {
        List<JsonPath> pages = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = given().queryParams(new LinkedHashMap<>(filter)).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/runs").then().statusCode(200).extract().jsonPath();
            pages.add(page);
            cursor = page.getString("nextCursor");
        } while (cursor != null && pages.size() < 100);
        return pages;
    }
}
