package io.escalator.api;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Starting runs through the API and waiting for them to end. */
final class Runs {

    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "NEEDS_HUMAN", "BUDGET_EXHAUSTED", "FAILED");
    // an upper bound only: runs whose generated tests hit the sandbox time limit take a while
    private static final Duration WAIT = Duration.ofSeconds(60);

    private Runs() {
    }

    static String start(String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/runs")
                .then().statusCode(202)
                .extract().path("runId");
    }

    /** Polls the run until it ends and returns its final JSON. */
    static JsonPath awaitEnd(String runId) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            JsonPath run = given().when().get("/runs/{id}", runId).then().statusCode(200).extract().jsonPath();
            if (TERMINAL.contains(run.getString("status"))) {
                return run;
            }
            pause();
        }
        throw new AssertionError("run " + runId + " did not end within " + WAIT.toSeconds() + " s");
    }

    static String promptRun(String objective, String gatesJson) {
        return "{\"workflow\":\"prompt\",\"objective\":\"" + objective + "\",\"gates\":" + gatesJson + "}";
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
