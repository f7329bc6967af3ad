package io.escalator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built {@code target/escalator.jar} as users run it: {@code java -jar escalator.jar ...}, a process of its own. */
class EscalatorJarIT {

    private static final Path JAR = Path.of(System.getProperty("escalator.jar", "target/escalator.jar"));

    private final FakeApi api = FakeApi.start();

    @AfterEach
    void stop() {
        api.close();
    }

    record Run(int exitCode, String out, String err) {
    }

    @Test
    void theJarListsRunsFromTheApiNamedInItsEnvironment() throws Exception {
        api.json("GET", "/runs", 200, Fixtures.RUN_LIST);

        Run run = java(Map.of("ESCALATOR_URL", api.url(), "TZ", "UTC"), "runs", "list", "--status", "SUCCEEDED");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("RUN ").contains("1f6c2e0a-5b7d-4c1e-9a43-0d2f6b8e7c11  SUCCEEDED  prompt");
        assertThat(run.err()).isEmpty();
        assertThat(api.only().query()).isEqualTo("status=SUCCEEDED&limit=20");
    }

    @Test
    void theJarPrintsATextReportWhole() throws Exception {
        String report = "ESCALATION REPORT  run r1\n\n" + "Workflow:   prompt\n".repeat(500) + "last line without a newline";
        api.answer("GET", "/runs/r1/report", new FakeApi.Answer(200, "text/plain;charset=UTF-8", report));

        Run run = java(Map.of(), "--url", api.url(), "report", "r1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(report + "\n");
    }

    @Test
    void theJarPrintsJsonAndReadsARequestFromStdin() throws Exception {
        api.json("POST", "/runs", 202, "{\"runId\": \"r1\", \"status\": \"RUNNING\"}");

        Run run = javaWithStdin("{\"workflow\": \"prompt\"}", "--url", api.url(), "runs", "start", "-f", "-", "--json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("{\n  \"runId\": \"r1\",\n  \"status\": \"RUNNING\"\n}\n");
        assertThat(api.only().body()).isEqualTo("{\"workflow\": \"prompt\"}");
    }

    @Test
    void theJarFailsWithOneLineAndItsExitCode() throws Exception {
        api.json("GET", "/runs/nope", 404, "{\"error\": \"no run with id nope\"}");
        String nowhere = "http://127.0.0.1:" + freePort();

        Run unreachable = java(Map.of(), "--url", nowhere, "runs", "list");
        Run notFound = java(Map.of(), "--url", api.url(), "runs", "show", "nope");
        Run usage = java(Map.of(), "--url", api.url(), "cleanup", "--older-than", "3x");

        assertThat(unreachable.exitCode()).isEqualTo(3);
        assertThat(unreachable.err()).isEqualTo("escalator: cannot reach the Escalator API at " + nowhere + ": connection refused\n");
        assertThat(notFound.exitCode()).isEqualTo(1);
        assertThat(notFound.err()).isEqualTo("escalator: run nope not found\n");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).hasLineCount(1).startsWith("escalator: Invalid value for option '--older-than': '3x'");
        for (Run run : List.of(unreachable, notFound, usage)) {
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void theJarReplaysRecordedAnswersAndSuggestsALadderLocally(@TempDir Path dir) throws Exception {
        Path data = Files.writeString(dir.resolve("data.csv"), ReplayCommandTest.RECORDED);
        Path ladder = Files.writeString(dir.resolve("ladder.json"), ReplayCommandTest.LADDER);
        Path suggested = dir.resolve("suggested.json");

        Run replay = java(Map.of(), "replay", "--data", data.toString(), "--ladder", ladder.toString(), "--json");
        Run table = java(Map.of(), "replay", "--data", data.toString(), "--train", data.toString(), "--gate-error", "0.1");
        Run suggest = java(Map.of(), "ladder", "suggest", "--train", data.toString(), "--output", suggested.toString());
        Run unknownModel = java(Map.of(), "replay", "--data", data.toString(), "--ladder",
                Files.writeString(dir.resolve("other.json"), ReplayCommandTest.LADDER.replace("\"top\"", "\"gpt-9\"")).toString());

        assertThat(replay.exitCode()).isZero();
        assertThat(replay.err()).isEmpty();
        assertThat(Json.parse(replay.out()).path("savingsPercent").asDouble()).isEqualTo(35.0);
        assertThat(table.exitCode()).isZero();
        assertThat(table.err()).isEmpty();
        assertThat(table.out()).contains("Replay of 4 prompts", "SINGLE MODEL");
        assertThat(suggest.exitCode()).isZero();
        assertThat(suggest.err()).isEmpty();
        assertThat(Files.readString(suggested)).contains("\"provider\" : \"replay\"");
        assertThat(unknownModel.exitCode()).isEqualTo(2);
        assertThat(unknownModel.err()).isEqualTo("escalator: model 'gpt-9' is not in " + data + "; its models are: cheap, top\n");
    }

    @Test
    void theLauncherScriptRunsTheJar() throws Exception {
        Run run = start(Map.of("JAVA_HOME", System.getProperty("java.home")), null,
                List.of("sh", Path.of("escalator").toAbsolutePath().toString(), "--version"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("escalator ");
    }

    private static Run java(Map<String, String> environment, String... args) throws Exception {
        return start(environment, null, javaJar(args));
    }

    private static Run javaWithStdin(String stdin, String... args) throws Exception {
        return start(Map.of(), stdin, javaJar(args));
    }

    private static List<String> javaJar(String... args) {
        assertThat(JAR).as("the shaded jar (built in package)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static Run start(Map<String, String> environment, String stdin, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("ESCALATOR_URL");
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within 60 s");
        }
        return new Run(process.exitValue(), out.get(), err.get());
    }

    private static String read(java.io.InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
