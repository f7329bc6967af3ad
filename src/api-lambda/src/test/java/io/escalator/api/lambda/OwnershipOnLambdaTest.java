package io.escalator.api.lambda;

import static io.escalator.api.lambda.HttpApiRequests.ADMIN;
import static io.escalator.api.lambda.HttpApiRequests.get;
import static io.escalator.api.lambda.HttpApiRequests.post;
import static io.escalator.api.lambda.HttpApiRequests.user;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.engine.RunService;
import io.escalator.telemetry.UserIdHasher;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The API on Lambda takes its caller from the request context API Gateway's IAM authorizer fills in: the caller's ARN
 * owns the runs it starts, and only it (and an admin) sees them.
 */
@QuarkusTest
@WithTestResource(AwsServices.class)
class OwnershipOnLambdaTest {

    private static final String RUN = "{\"workflow\":\"prompt\",\"objective\":\"Say yes\",\"gates\":[{\"type\":\"contains\",\"value\":\"yes\"}]}";
    private static final String ALICE = user("alice");
    private static final String BOB = user("bob");

    @Inject
    RunService runs;

    @Inject
    UserIdHasher hasher;

    @Test
    void aRunIsOwnedByTheCallersArnAndHiddenFromOtherCallers() {
        String runId = post(ALICE, "/runs", RUN).json().path("runId").asText();
        String unknown = UUID.randomUUID().toString();

        assertThat(runs.get(runId).run().ownerHash()).isEqualTo(hasher.hash(ALICE));
        assertThat(get(ALICE, "/runs/" + runId).status()).isEqualTo(200);
        HttpApiRequests.Answer other = get(BOB, "/runs/" + runId);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).isEqualTo(get(BOB, "/runs/" + unknown).body().replace(unknown, runId));
        assertThat(post(BOB, "/runs/" + runId + "/approval", "{\"approve\": true}").status()).isEqualTo(404);
        assertThat(get(ADMIN, "/runs/" + runId).status()).as("an admin, by the role it assumed").isEqualTo(200);

        assertThat(listed(ALICE)).contains(runId);
        assertThat(listed(BOB)).doesNotContain(runId);
        assertThat(listed(ADMIN)).contains(runId);
    }

    @Test
    void analyticsAreForAdmins() {
        assertThat(get(BOB, "/analytics").status()).isEqualTo(403);
        assertThat(get(ADMIN, "/analytics").status()).isEqualTo(200);
    }

    /** API Gateway refuses such a request before it reaches the function; should one arrive, it gets nothing. */
    @Test
    void aRequestWithoutAnAuthorizerContextIsRefused() {
        assertThat(HttpApiRequests.send(null, "GET", "/runs", null).status()).isEqualTo(401);
        given().when().get("/runs").then().statusCode(401);
        assertThat(HttpApiRequests.send(null, "GET", "/q/health", null).status()).isEqualTo(200);
    }

    private static List<String> listed(String caller) {
        List<String> ids = new ArrayList<>();
        get(caller, "/runs?limit=100").json().path("runs").forEach(run -> ids.add(run.path("runId").asText()));
        return ids;
    }
}
