package io.escalator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API token from {@code ESCALATOR_AUTH_TOKEN} on every request, and a refusal as one line that never shows it. */
class ApiTokenTest {

    private static final String TOKEN = "a-secret-token-0123456789";
    private static final String UNAUTHORIZED = "{\"error\": \"authentication required\"}";

    private final FakeApi api = FakeApi.start();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theTokenGoesAsABearerTokenOnEveryRequest() {
        api.json("GET", "/runs", 200, Fixtures.EMPTY_LIST);

        Cli.Result result = Cli.run(Environment.of(Map.of("ESCALATOR_AUTH_TOKEN", " " + TOKEN + "\n")), api.url(),
                "runs", "list");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(api.only().authorization()).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void withoutATokenNoAuthorizationIsSent() {
        api.json("GET", "/runs", 200, Fixtures.EMPTY_LIST);

        Cli.run(Environment.of(Map.of("ESCALATOR_AUTH_TOKEN", "  ")), api.url(), "runs", "list");

        assertThat(api.only().authorization()).isNull();
    }

    @Test
    void aRefusalWithoutATokenSaysWhatToSet() {
        api.json("GET", "/runs", 401, UNAUTHORIZED);

        Cli.Result result = Cli.run(api, "runs", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(result.err()).isEqualTo("escalator: the Escalator API needs a token: set ESCALATOR_AUTH_TOKEN to the"
                + " stack's token (HTTP 401)\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aRefusedTokenIsOneLineThatNeverShowsIt() {
        api.json("GET", "/runs/" + Fixtures.RUN_ID, 401, "{\"error\": \"the API token is not valid\"}");

        Cli.Result result = Cli.run(Environment.of(Map.of("ESCALATOR_AUTH_TOKEN", TOKEN)), api.url(),
                "runs", "show", Fixtures.RUN_ID);

        assertThat(result.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(result.err()).isEqualTo("escalator: the Escalator API refused the token in ESCALATOR_AUTH_TOKEN"
                + " (HTTP 401): set it to the stack's token\n");
        assertThat(result.out() + result.err()).doesNotContain(TOKEN);
    }
}
