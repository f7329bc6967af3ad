package io.escalator.api;

import static io.escalator.api.TestCallers.ALICE;
import static io.escalator.api.TestCallers.anonymous;
import static io.escalator.api.TestCallers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint but the health checks needs the API token: without one, or with a wrong one, a 401 with a JSON error
 * and a Bearer challenge that never repeats what was sent. Analytics and jobs are for admins.
 */
@QuarkusTest
@WithTestResource(ScriptedModels.class)
class AuthenticationTest {

    private static final String RUN = Runs.promptRun("What is 6 times 7?", "[{\"type\": \"contains\", \"value\": \"42\"}]");
    private static final String WRONG_TOKEN = "wrong-token-3c1f7a2be9";

    @Test
    void withoutATokenEveryEndpointIsA401WithABearerChallenge() {
        for (Response response : List.of(
                anonymous().get("/runs"),
                anonymous().get("/runs/some-run"),
                anonymous().get("/runs/some-run/report"),
                anonymous().contentType(ContentType.JSON).body(RUN).post("/runs"),
                anonymous().contentType(ContentType.JSON).body(RUN).post("/estimate"),
                anonymous().contentType(ContentType.JSON).body("{\"approve\": true}").post("/runs/some-run/approval"),
                anonymous().contentType(ContentType.JSON).body("{\"action\": \"abort\"}").post("/runs/some-run/resolution"),
                anonymous().get("/analytics"),
                anonymous().contentType(ContentType.JSON).body("{}").post("/jobs/cleanup"),
                anonymous().get("/no-such-path"))) {
            response.then().statusCode(401)
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .contentType(ContentType.JSON)
                    .body("error", equalTo("authentication required: send the API token as 'Authorization: Bearer <token>'"));
        }
    }

    /** Credentials that are sent are always checked, even on the health checks, which need none. */
    @Test
    void aWrongTokenIsA401ThatNeverRepeatsIt() {
        for (Response response : List.of(
                withAuthorization("Bearer " + WRONG_TOKEN).get("/runs"),
                withAuthorization("bearer  " + WRONG_TOKEN).contentType(ContentType.JSON).body(RUN).post("/runs"),
                withAuthorization("Basic " + WRONG_TOKEN).get("/runs"),
                withAuthorization("Bearer").get("/runs"),
                withAuthorization(WRONG_TOKEN).get("/q/health"),
                withAuthorization("Bearer " + TestCallers.token(TestCallers.ADMIN) + "x").get("/runs"))) {
            response.then().statusCode(401)
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("error", equalTo("the API token is not valid"));
            assertThat(response.asString() + response.headers()).doesNotContain(WRONG_TOKEN);
        }
    }

    @Test
    void theHealthChecksNeedNoToken() {
        anonymous().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        anonymous().get("/q/health/ready").then().statusCode(200);
        anonymous().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void estimatesNeedATokenButNoAdmin() {
        as(ALICE).contentType(ContentType.JSON).body(RUN).post("/estimate").then().statusCode(200);
        as(ALICE).contentType(ContentType.JSON).body(RUN.replace("{\"workflow\"", "{\"dryRun\": true, \"workflow\""))
                .post("/runs").then().statusCode(200).body("dryRun", equalTo(true));
    }

    @Test
    void analyticsAndJobsAreForAdminsOnly() {
        for (Response response : List.of(as(ALICE).get("/analytics"), as(ALICE).get("/analytics/recommendations"),
                as(ALICE).contentType(ContentType.JSON).body("{}").post("/jobs/cleanup"))) {
            response.then().statusCode(403).contentType(ContentType.JSON)
                    .body("error", equalTo("forbidden: only an admin may use this"));
        }
        as(TestCallers.ADMIN).get("/analytics").then().statusCode(200);
        as(TestCallers.ADMIN).get("/analytics/recommendations").then().statusCode(200);
    }

    /** A request with this Authorization header, as sent. */
    private static RequestSpecification withAuthorization(String authorization) {
        return anonymous().header("Authorization", authorization);
    }
}
