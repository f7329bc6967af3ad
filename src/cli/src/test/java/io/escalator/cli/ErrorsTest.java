package io.escalator.cli;

import static io.escalator.cli.Fixtures.RUN_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every failure is one line on stderr and its exit code; nothing is printed on stdout, never a stack trace. */
class ErrorsTest {

    private final FakeApi api = FakeApi.start();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void anUnreachableApiIsExitCodeThree() throws IOException {
        String url = "http://127.0.0.1:" + freePort();

        Cli.Result result = Cli.run(Environment.of(Map.of()), url, "runs", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(result.err()).isEqualTo("escalator: cannot reach the Escalator API at " + url + ": connection refused\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void anUnknownRunIsNotFound() {
        api.json("GET", "/runs/no-such-run", 404, "{\"error\": \"no run with id no-such-run\"}");

        Cli.Result show = Cli.run(api, "runs", "show", "no-such-run");
        Cli.Result wait = Cli.run(api, "runs", "show", "no-such-run", "--wait");

        assertThat(show.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(show.err()).isEqualTo("escalator: run no-such-run not found\n");
        assertThat(show.out()).isEmpty();
        assertThat(wait.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(wait.err()).isEqualTo("escalator: run no-such-run not found\n");
    }

    @Test
    void anIdIsSentAsOnePathSegment() {
        Cli.Result result = Cli.run(api, "runs", "show", "a/b c?d");

        assertThat(api.only().rawPath()).isEqualTo("/runs/a%2Fb%20c%3Fd");
        assertThat(api.only().query()).isNull();
        assertThat(result.errorLine()).isEqualTo("escalator: run a/b c?d not found");
    }

    @Test
    void aBadRequestShowsTheApisErrorAndEveryDetailOnOneLine() {
        api.json("POST", "/runs", 400, Fixtures.BAD_REQUEST);

        Cli.Result result = Cli.withStdin(api, "{}", "runs", "start", "--file", "-");

        assertThat(result.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(result.err()).isEqualTo("escalator: invalid request: gates[0].pattern, budget.maxCost "
                + "(gates[0].pattern: is not a valid regular expression: Unclosed group; budget.maxCost: must be positive)\n");
    }

    @Test
    void aServerErrorNamesTheStatusAndTheApisReference() {
        api.json("GET", "/runs/" + RUN_ID, 500, "{\"error\": \"internal error; reference 42 in the server log\"}");

        Cli.Result result = Cli.run(api, "runs", "show", RUN_ID);

        assertThat(result.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(result.err()).isEqualTo(
                "escalator: the Escalator API failed (HTTP 500): internal error; reference 42 in the server log\n");
    }

    @Test
    void aServerErrorAsQuarkusReportsItShowsItsErrorId() {
        api.json("POST", "/runs", 500, "{\"details\":\"Error id 77fea34a-1\",\"stack\":\"\"}");

        Cli.Result result = Cli.withStdin(api, "{}", "runs", "start", "-f", "-");

        assertThat(result.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(result.err()).isEqualTo("escalator: the Escalator API failed (HTTP 500): Error id 77fea34a-1\n");
    }

    @Test
    void aServerErrorWithoutJsonShowsTheFirstWordsOfItsBodyOnOneLine() {
        api.answer("GET", "/runs", new FakeApi.Answer(502, "text/html", "<html>\n<body>Bad gateway</body>\n</html>"));

        Cli.Result result = Cli.run(api, "runs", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(result.err()).isEqualTo("escalator: the Escalator API failed (HTTP 502): <html> <body>Bad gateway</body> </html>\n");
    }

    @Test
    void anEndpointTheApiDoesNotHaveIsNamed() {
        Cli.Result result = Cli.run(api, "analytics");

        assertThat(result.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(result.err()).isEqualTo("escalator: not found: GET /analytics (HTTP 404 Not Found)\n");
    }

    @Test
    void otherRefusalsNameTheStatus() {
        api.json("POST", "/runs", 415, "{\"error\": \"HTTP 415 Unsupported Media Type\"}");

        Cli.Result result = Cli.withStdin(api, "not json", "runs", "start", "-f", "-");

        assertThat(result.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(result.err()).isEqualTo(
                "escalator: the Escalator API refused POST /runs (HTTP 415): HTTP 415 Unsupported Media Type\n");
    }

    @Test
    void aFormatTheApiCannotGiveIsNamed() {
        api.answer("GET", "/runs/" + RUN_ID + "/report", new FakeApi.Answer(406, "text/plain", "ErrorBody[error=...]"));

        Cli.Result result = Cli.run(api, "report", RUN_ID, "--format", "html");

        assertThat(result.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(result.err()).isEqualTo(
                "escalator: the Escalator API cannot answer GET /runs/" + RUN_ID + "/report as text/html (HTTP 406)\n");
    }

    @Test
    void anAnswerThatIsNotJsonIsAnError() {
        api.answer("GET", "/runs", new FakeApi.Answer(200, "text/html", "<html>a login page</html>"));

        Cli.Result result = Cli.run(api, "runs", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(result.err()).isEqualTo(
                "escalator: the answer is not the JSON the Escalator API sends: <html>a login page</html>\n");
    }

    @Test
    void theUrlComesFromTheOptionElseTheEnvironment() throws IOException {
        api.json("GET", "/runs", 200, Fixtures.EMPTY_LIST);
        Environment pointed = Environment.of(Map.of("ESCALATOR_URL", api.url()));
        String nowhere = "http://127.0.0.1:" + freePort();

        Cli.Result fromEnvironment = Cli.run(pointed, null, "runs", "list");
        Cli.Result optionWins = Cli.run(Environment.of(Map.of("ESCALATOR_URL", nowhere)), null, "runs", "list", "--url", api.url());
        Cli.Result optionFirst = Cli.run(Environment.of(Map.of("ESCALATOR_URL", nowhere)), null, "--url", api.url() + "/", "runs", "list");

        assertThat(fromEnvironment.exitCode()).isZero();
        assertThat(optionWins.exitCode()).isZero();
        assertThat(optionFirst.exitCode()).isZero();
        assertThat(api.received()).extracting(FakeApi.Received::path).containsExactly("/runs", "/runs", "/runs");
    }

    @Test
    void withoutUrlOrEnvironmentTheLocalStackIsTheDefault() {
        Cli.Result result = Cli.run(Environment.of(Map.of()), null, "runs", "list");

        // nothing listens on 8080 during the build; if something does, it is not asserted on
        if (result.exitCode() == ExitCode.UNREACHABLE) {
            assertThat(result.errorLine()).startsWith("escalator: cannot reach the Escalator API at http://localhost:8080: ");
        }
    }

    @Test
    void aUrlThatIsNoHttpUrlIsAUsageError() {
        Cli.Result result = Cli.run(Environment.of(Map.of()), "localhost:8080", "runs", "list");
        Cli.Result fromEnvironment = Cli.run(Environment.of(Map.of("ESCALATOR_URL", "ftp://x")), null, "runs", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.errorLine()).isEqualTo("escalator: the API URL must be an http:// or https:// URL such as "
                + "http://localhost:8080, was 'localhost:8080' (--url or $ESCALATOR_URL)");
        assertThat(fromEnvironment.exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void usageErrorsAreOneLineWithExitCodeTwo() {
        Cli.Result unknownCommand = Cli.run(api, "runz");
        Cli.Result noCommand = Cli.run(api);
        Cli.Result noSubcommand = Cli.run(api, "runs");
        Cli.Result missingId = Cli.run(api, "runs", "show");
        Cli.Result unknownOption = Cli.run(api, "runs", "list", "--colour");

        for (Cli.Result result : new Cli.Result[] {unknownCommand, noCommand, noSubcommand, missingId, unknownOption}) {
            assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(result.err()).startsWith("escalator: ").hasLineCount(1);
            assertThat(result.out()).isEmpty();
        }
        assertThat(noSubcommand.errorLine()).isEqualTo("escalator: Missing required subcommand (see 'escalator runs --help')");
        assertThat(missingId.errorLine()).isEqualTo(
                "escalator: Missing required parameter: 'ID' (see 'escalator runs show --help')");
        assertThat(unknownOption.errorLine()).isEqualTo(
                "escalator: Unknown option: '--colour' (see 'escalator runs list --help')");
        assertThat(api.received()).isEmpty();
    }

    @Test
    void helpAndVersionAreNoErrors() {
        Cli.Result help = Cli.run(api, "--help");
        Cli.Result commandHelp = Cli.run(api, "cleanup", "--help");
        Cli.Result version = Cli.run(api, "--version");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: escalator", "runs", "report", "analytics", "recommendations", "approve",
                "reject", "cleanup", "Exit codes:", "3   the API cannot be reached");
        assertThat(commandHelp.out()).contains("Usage: escalator cleanup", "--older-than=DAYS", "--telemetry-older-than=DAYS");
        assertThat(version.out()).matches("escalator \\d+\\.\\d+\\.\\d+.*\n");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
