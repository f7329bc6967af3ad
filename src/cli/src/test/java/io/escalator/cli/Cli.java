package io.escalator.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the client in process, as a test would type it, and keeps what it printed. */
final class Cli {

    record Result(int exitCode, String out, String err) {

        /** What stderr says, which for a failure must be one line. */
        String errorLine() {
            return err.strip();
        }
    }

    private Cli() {
    }

    /** {@code escalator --url <api> args...} */
    static Result run(FakeApi api, String... args) {
        return run(Environment.of(Map.of()), api.url(), args);
    }

    static Result withStdin(FakeApi api, String stdin, String... args) {
        return run(Environment.of(Map.of()).withStdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))),
                api.url(), args);
    }

    /** With {@code url} {@code null}, no {@code --url} is given. */
    static Result run(Environment environment, String url, String... args) {
        List<String> line = new ArrayList<>();
        if (url != null) {
            line.add("--url");
            line.add(url);
        }
        line.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Escalator.execute(environment, new PrintWriter(out, true), new PrintWriter(err, true),
                line.toArray(String[]::new));
        return new Result(exitCode, out.toString(), err.toString());
    }
}
