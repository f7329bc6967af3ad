package io.escalator.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.escalator.engine.Steps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Runs the state machine {@code infra/statemachine/escalation.asl.json} with an independent interpreter: a Node process
 * running {@code infra/statemachine/tools/run-asl.mjs} (aws-local-stepfunctions), whose Task states are commands that
 * hand each Task to a {@link FunctionDispatcher}.
 */
final class StateMachineInterpreter {

    static final String INSTALL_COMMAND = "npm ci --prefix infra/statemachine/tools";
    /** Surefire runs in the module's folder, two levels below the repository root. */
    static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    static final Path DEFINITION = REPOSITORY.resolve("infra/statemachine/escalation.asl.json");
    static final Path TOOLS = REPOSITORY.resolve("infra/statemachine/tools");
    static final Path NODE = TOOLS.resolve("node_modules/.bin/node");
    /** Step Functions Standard: USD per state transition ($0.025 per 1,000). */
    static final BigDecimal PRICE_PER_TRANSITION = new BigDecimal("0.000025");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RUN_TIMEOUT_MINUTES = 3;

    private final FunctionDispatcher dispatcher;

    StateMachineInterpreter(FunctionDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Fails, saying how to install them, when the npm tools are missing; a test never downloads them itself. */
    static void requireTools() {
        if (!Files.isExecutable(NODE) || !Files.isDirectory(TOOLS.resolve("node_modules/aws-local-stepfunctions"))
                || !Files.isDirectory(TOOLS.resolve("node_modules/asl-validator"))) {
            throw new AssertionError("The state machine tools are not installed (" + NODE + " or its packages are "
                    + "missing). Run `" + INSTALL_COMMAND + "` from the repository root, then run the tests again.");
        }
    }

    /** The names of the definition's Task states. */
    static Set<String> taskStates() {
        JsonNode states = readTree(DEFINITION).get("States");
        return states.properties().stream().filter(state -> "Task".equals(state.getValue().path("Type").asText()))
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }

    /** Runs one execution for the run, to its end, and returns what the interpreter reports. */
    Execution execute(String runId) {
        requireTools();
        List<String> command = new ArrayList<>(List.of(NODE.toString(), "run-asl.mjs",
                "--definition", DEFINITION.toString(),
                "--input", "{\"runId\": \"" + runId + "\"}",
                "--task-token", taskTokenPrefix(runId) + "{n}",
                "--events"));
        for (String step : List.of(Steps.ESTIMATE, Steps.EXECUTE_TIER, Steps.DECIDE, Steps.FINALIZE)) {
            command.addAll(List.of("--task", step + "=" + httpTask(dispatcher.functionUrl(functionOf(step)).toString())));
        }
        for (String wait : List.of(Steps.WAIT_FOR_APPROVAL, Steps.WAIT_FOR_HUMAN)) {
            command.addAll(List.of("--task", wait + "=" + httpTask(dispatcher.callbackUrl().toString())));
        }
        for (String function : List.of("estimate", "executeTier", "decide", "finalize", "recordApprovalToken")) {
            command.addAll(List.of("--substitute", placeholderOf(function) + "=" + FunctionDispatcher.functionArn(function)));
        }
        return run(command);
    }

    /**
     * Every Task invocation of the execution gets its own task token, as in AWS: this, then the invocation's number, so
     * a second wait of a kind never gets the first one's token.
     */
    static String taskTokenPrefix(String runId) {
        return "task-token-" + runId + "-";
    }

    private static String functionOf(String step) {
        return switch (step) {
            case Steps.ESTIMATE -> "estimate";
            case Steps.EXECUTE_TIER -> "executeTier";
            case Steps.DECIDE -> "decide";
            case Steps.FINALIZE -> "finalize";
            default -> throw new IllegalArgumentException(step);
        };
    }

    /** {@code estimate} -> {@code EstimateFunctionArn}, the name template.yaml passes in DefinitionSubstitutions. */
    private static String placeholderOf(String function) {
        return Character.toUpperCase(function.charAt(0)) + function.substring(1) + "FunctionArn";
    }

    private static String httpTask(String url) {
        return quoted(NODE.toString()) + " " + quoted(TOOLS.resolve("http-task.mjs").toString()) + " " + quoted(url);
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static Execution run(List<String> command) {
        try {
            Path stdout = Files.createTempFile("run-asl", ".json");
            Path stderr = Files.createTempFile("run-asl", ".log");
            try {
                Process process = new ProcessBuilder(command).directory(TOOLS.toFile())
                        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
                if (!process.waitFor(RUN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError("run-asl.mjs did not finish within " + RUN_TIMEOUT_MINUTES
                            + " minutes; its diagnostics:\n" + Files.readString(stderr));
                }
                String result = Files.readString(stdout);
                if (process.exitValue() != 0) {
                    throw new AssertionError("run-asl.mjs exited with " + process.exitValue() + ": " + result
                            + "\n" + Files.readString(stderr));
                }
                return Execution.of(JSON.readTree(result), Files.readString(stderr));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readTree(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the interpreter reported for one execution.
     *
     * @param status      SUCCEEDED, FAILED, TIMED_OUT (or ERROR: the runner or the definition is broken)
     * @param states      every state entered, in order (a retry enters no state again)
     * @param retries     how many times a Task was retried
     * @param diagnostics what the runner and the Task commands wrote to stderr
     * @param history     the execution's whole event log (every state's input and output), as Step Functions keeps it
     */
    record Execution(String status, JsonNode output, JsonNode error, List<String> states, int retries,
                     String diagnostics, String history) {

        static Execution of(JsonNode result, String diagnostics) {
            List<String> states = StreamSupport.stream(result.path("states").spliterator(), false)
                    .map(JsonNode::asText).toList();
            int retries = (int) StreamSupport.stream(result.path("events").spliterator(), false)
                    .filter(event -> "StateRetried".equals(event.path("type").asText())).count();
            return new Execution(result.path("status").asText(), result.get("output"), result.get("error"), states,
                    retries, diagnostics, result.path("events").toString());
        }

        /** The Task states entered, in order: the steps, as the local driver names them. */
        List<String> steps() {
            Set<String> tasks = taskStates();
            return states.stream().filter(tasks::contains).toList();
        }

        /** Billed state transitions: every state entered, and every retry of a Task. */
        int transitions() {
            return states.size() + retries;
        }

        BigDecimal costPerRun() {
            return PRICE_PER_TRANSITION.multiply(BigDecimal.valueOf(transitions()));
        }

        String errorName() {
            return error == null || error.isNull() ? null : error.path("Error").asText();
        }
    }
}
