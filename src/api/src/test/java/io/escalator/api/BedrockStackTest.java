package io.escalator.api;

import static io.escalator.api.BedrockStack.CLAUDE;
import static io.escalator.api.BedrockStack.NOVA;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.testing.ScriptedBedrockServer;
import io.escalator.testing.ScriptedBedrockServer.Reply;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The local stack on a ladder of Bedrock tiers: calls signed with the default credential chain, priced by the ladder. */
@QuarkusTest
@TestProfile(BedrockStack.class)
class BedrockStackTest {

    private static final String EQUALS_42 = "[{\"type\":\"equals\",\"value\":\"42\"}]";

    ScriptedBedrockServer bedrock;

    @Test
    void aWrongNovaAnswerEscalatesToClaudeAndTheRunCostsTheReportedTokensAtTheLaddersPrices() {
        bedrock.script(NOVA, Reply.text("41", 1_000, 10));
        bedrock.script(CLAUDE, Reply.text("42", 2_000, 10));

        JsonPath run = Runs.awaitEnd(Runs.start(Runs.promptRun("What is 6 times 7?", EQUALS_42)));

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getList("attempts.tier")).containsExactly("nova", "claude");
        assertThat(run.getList("attempts.decision")).containsExactly("ESCALATE", "SUCCEED");
        // nova: 1,000 x $0.035/M + 10 x $0.14/M; claude: 2,000 x $3/M + 10 x $15/M
        assertThat(new BigDecimal(run.getString("attempts[0].cost"))).isEqualByComparingTo("0.0000364");
        assertThat(new BigDecimal(run.getString("attempts[1].cost"))).isEqualByComparingTo("0.00615");
        assertThat(new BigDecimal(run.getString("totalCost"))).isEqualByComparingTo("0.0061864");
        assertThat(bedrock.requests(CLAUDE).getLast().authorization())
                .startsWith("AWS4-HMAC-SHA256 Credential=" + BedrockStack.ACCESS_KEY_ID + "/")
                .contains("/us-east-1/bedrock/aws4_request");
        assertThat(bedrock.requests(CLAUDE).getLast().user()).contains("41");
    }

    @Test
    void aModelBedrockRefusesIsARecordedFailedAttemptThatEscalates() {
        bedrock.script(NOVA, Reply.invalid("The provided model identifier is invalid."));
        bedrock.script(CLAUDE, Reply.text("42", 2_000, 10));

        JsonPath run = Runs.awaitEnd(Runs.start(Runs.promptRun("What is 6 times 7?", EQUALS_42)));

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getList("attempts.tier")).containsExactly("nova", "claude");
        assertThat(run.getString("attempts[0].error"))
                .startsWith("model " + NOVA + " on tier nova (Bedrock, region us-east-1")
                .contains("(ValidationException) after 1 try: The provided model identifier is invalid.")
                .doesNotContain(BedrockStack.SECRET_ACCESS_KEY);
        assertThat(new BigDecimal(run.getString("attempts[0].cost"))).isZero();
        assertThat(new BigDecimal(run.getString("totalCost"))).isEqualByComparingTo("0.00615");
    }
}
