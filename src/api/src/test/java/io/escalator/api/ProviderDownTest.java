package io.escalator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/** A model server that refuses connections: every attempt is recorded with the reason, and the run ends for a human. */
@QuarkusTest
@TestProfile(UnreachableCheapTier.class)
class ProviderDownTest {

    @Test
    void refusedConnectionsAreRecordedAttemptsThatEscalateAndEndNeedingAHuman() {
        JsonPath run = Runs.awaitEnd(Runs.start(Runs.promptRun("What is 6 times 7?", "[{\"type\":\"equals\",\"value\":\"42\"}]")));

        assertThat(run.getString("status")).isEqualTo("NEEDS_HUMAN");
        assertThat(run.getList("attempts.tier")).containsExactly("local", "local", "cloud");
        assertThat(run.getList("attempts.error", String.class))
                .allSatisfy(error -> assertThat(error).contains("unreachable (connection refused)"));
        assertThat(run.getList("attempts.decision")).containsExactly("RETRY", "ESCALATE", "NEEDS_HUMAN");
        assertThat(run.getDouble("totalCost")).isZero();
    }
}
