package io.escalator.api;

import static io.escalator.api.ScriptedModels.CHEAP;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listing runs: newest first, page by page, following the cursor. */
@QuarkusTest
@WithTestResource(ScriptedModels.class)
class RunListingTest {

    ScriptedOpenAiServer models;

    @Test
    void runsAreListedNewestFirstAcrossPages() {
        models.reset();
        models.script(CHEAP, Reply.text("yes"));
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String runId = Runs.start(Runs.promptRun("Say yes " + i, "[{\"type\":\"contains\",\"value\":\"yes\"}]"));
            Runs.awaitEnd(runId);
            started.addFirst(runId);
        }

        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/runs").then().statusCode(200).extract().jsonPath();
            assertThat(page.getList("runs")).hasSizeLessThanOrEqualTo(2);
            listed.addAll(page.getList("runs.runId", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 100);

        assertThat(listed).containsSubsequence(started);
        assertThat(listed).doesNotHaveDuplicates();
        JsonPath first = given().queryParam("limit", 1).when().get("/runs").then().extract().jsonPath();
        assertThat(first.getString("runs[0].runId")).isEqualTo(started.getFirst());
        assertThat(first.getString("runs[0].status")).isEqualTo("SUCCEEDED");
        assertThat(first.getString("runs[0].objective")).isEqualTo("Say yes 4");
    }
}
