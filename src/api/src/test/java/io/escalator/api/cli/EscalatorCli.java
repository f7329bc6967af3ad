package io.escalator.api.cli;

import io.escalator.api.TestCallers;
import io.escalator.cli.Environment;
import io.escalator.cli.Escalator;
import io.restassured.RestAssured;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code escalator} client run in this process against the stack under test ({@code --url} its test port), as the
 * admin {@code local} ({@code ESCALATOR_AUTH_TOKEN}).
 */
final class EscalatorCli {

    record Result(int exitCode, String out, String err) {
    }

    private EscalatorCli() {
    }

    static Result run(String... args) {
        return run(environment(), args);
    }

    static Result withStdin(String stdin, String... args) {
        return run(environment().withStdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))),
                args);
    }

    private static Environment environment() {
        return Environment.of(Map.of("ESCALATOR_AUTH_TOKEN", TestCallers.token(TestCallers.ADMIN)));
    }

    private static Result run(Environment environment, String... args) {
        List<String> line = new ArrayList<>(List.of("--url", "http://localhost:" + RestAssured.port));
        line.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Escalator.execute(environment, new PrintWriter(out, true), new PrintWriter(err, true),
                line.toArray(String[]::new));
        return new Result(exitCode, out.toString(), err.toString());
    }
}
