package io.escalator.api;

import static io.escalator.api.ScriptedModels.CHEAP;
import static io.escalator.api.TestCallers.ADMIN;
import static io.escalator.api.TestCallers.ALICE;
import static io.escalator.api.TestCallers.BOB;
import static io.escalator.api.TestCallers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalator.engine.RunService;
import io.escalator.support.Json;
import io.escalator.telemetry.UserIdHasher;
import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run belongs to the caller who started it: only they (and an admin) list, read, approve and resolve it. To anyone
 * else it is answered exactly as an id that does not exist.
 */
@QuarkusTest
@WithTestResource(ScriptedModels.class)
class OwnershipTest {

    private static final String RUN = Runs.promptRun("What is 6 times 7?", "[{\"type\": \"equals\", \"value\": \"42\"}]");
    private static final String APPROVE = "{\"approve\": true}";
    private static final String ABORT = "{\"action\": \"abort\"}";

    ScriptedOpenAiServer models;

    @Inject
    RunService runs;

    @Inject
    UserIdHasher hasher;

    @BeforeEach
    void script() {
        models.reset();
        models.script(CHEAP, Reply.text("42"));
    }

    @Test
    void anotherOwnersRunIsAnsweredExactlyAsAnUnknownIdOnEveryPerRunEndpoint() {
        String alices = start(ALICE, RUN);
        awaitStatus(alices, "SUCCEEDED");
        String unknown = UUID.randomUUID().toString();

        for (Function<String, Response> request : List.<Function<String, Response>>of(
                id -> as(BOB).get("/runs/{id}", id),
                id -> as(BOB).get("/runs/{id}/report", id),
                id -> as(BOB).accept(ContentType.JSON).get("/runs/{id}/report", id),
                id -> as(BOB).accept(ContentType.HTML).get("/runs/{id}/report", id),
                id -> as(BOB).contentType(ContentType.JSON).body(APPROVE).post("/runs/{id}/approval", id),
                id -> as(BOB).contentType(ContentType.JSON).body(ABORT).post("/runs/{id}/resolution", id))) {
            Response other = request.apply(alices);
            Response none = request.apply(unknown);
            assertThat(other.statusCode()).isEqualTo(404);
            assertThat(other.contentType()).isEqualTo(none.contentType());
            assertThat(other.asString()).isEqualTo(none.asString().replace(unknown, alices));
        }
        as(ALICE).get("/runs/{id}", alices).then().statusCode(200)
                .body("approval.approved", nullValue()).body("resolution", nullValue());
    }

    /** Approving and resolving reach the run: refused only because it has ended (whatever the learned estimate). */
    @Test
    void theOwnerReachesEveryPerRunEndpointOfTheirRun() {
        String alices = start(ALICE, RUN);
        awaitStatus(alices, "SUCCEEDED");

        as(ALICE).get("/runs/{id}", alices).then().statusCode(200);
        as(ALICE).get("/runs/{id}/report", alices).then().statusCode(200);
        as(ALICE).contentType(ContentType.JSON).body(APPROVE).post("/runs/{id}/approval", alices)
                .then().statusCode(409).body("status", equalTo("SUCCEEDED"));
        as(ALICE).contentType(ContentType.JSON).body(ABORT).post("/runs/{id}/resolution", alices)
                .then().statusCode(409).body("status", equalTo("SUCCEEDED"));
    }

    @Test
    void anAdminSeesAndActsOnEveryOwnersRun() {
        String alices = start(ALICE, RUN);
        String bobs = start(BOB, RUN);
        awaitStatus(alices, "SUCCEEDED");

        as(ADMIN).get("/runs/{id}", bobs).then().statusCode(200);
        as(ADMIN).get("/runs/{id}/report", alices).then().statusCode(200);
        as(ADMIN).contentType(ContentType.JSON).body(APPROVE).post("/runs/{id}/approval", alices)
                .then().statusCode(409).body("status", equalTo("SUCCEEDED"));
        assertThat(listed(ADMIN, "")).contains(alices, bobs);
    }

    @Test
    void aListingHoldsOnlyTheCallersOwnRuns() {
        String alices = start(ALICE, RUN);
        String bobs = start(BOB, RUN);
        String admins = start(ADMIN, RUN);
        awaitStatus(alices, "SUCCEEDED");

        assertThat(listed(ALICE, "")).contains(alices).doesNotContain(bobs, admins);
        assertThat(listed(BOB, "")).contains(bobs).doesNotContain(alices, admins);
        assertThat(listed(ALICE, "?status=SUCCEEDED&workflow=prompt")).contains(alices).doesNotContain(bobs, admins);
        assertThat(listed(ALICE, "?status=RUNNING")).doesNotContain(alices, bobs, admins);
        assertThat(listed(ADMIN, "")).contains(alices, bobs, admins);
        assertThat(listed(ALICE, "")).allSatisfy(id -> assertThat(runs.get(id).run().ownerHash())
                .isEqualTo(hasher.hash(ALICE)));
    }

    @Test
    void aRunWithoutAnOwnerIsAnAdminsOnly() {
        String ownerless = runs.create(runs.parse(Json.read(RUN, JsonNode.class))).id();

        as(ALICE).get("/runs/{id}", ownerless).then().statusCode(404);
        as(ADMIN).get("/runs/{id}", ownerless).then().statusCode(200);
        assertThat(listed(ALICE, "")).doesNotContain(ownerless);
        assertThat(listed(ADMIN, "")).contains(ownerless);
    }

    @Test
    void theOwnerIsStoredOnlyAsTheKeyedHashOfThePrincipal() {
        String alices = start(ALICE, RUN);

        assertThat(runs.get(alices).run().ownerHash()).isEqualTo(hasher.hash(ALICE)).doesNotContain(ALICE);
        assertThat(as(ALICE).get("/runs/{id}", alices).asString()).doesNotContain(hasher.hash(ALICE));
    }

    private static List<String> listed(String principal, String query) {
        return as(principal).get("/runs" + (query.isEmpty() ? "?limit=100" : query + "&limit=100"))
                .then().statusCode(200).extract().jsonPath().getList("runs.runId", String.class);
    }

    private static String start(String principal, String body) {
        return as(principal).contentType(ContentType.JSON).body(body).post("/runs")
                .then().statusCode(202).extract().path("runId");
    }

    private static void awaitStatus(String runId, String status) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (status.equals(as(ADMIN).get("/runs/{id}", runId).then().extract().path("status"))) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("run " + runId + " did not reach " + status);
    }
}
