package io.escalator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command of {@code escalator}: what every one needs from the {@code escalator} command above it. */
abstract class EscalatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Does the command's work; a failure is a {@link CliException}. */
    abstract void execute();

    @Override
    public final Integer call() {
        execute();
        return ExitCode.OK;
    }

    final Escalator escalator() {
        return (Escalator) spec.root().userObject();
    }

    final Environment environment() {
        return escalator().environment();
    }

    /** Whether {@code --json} was given. */
    final boolean json() {
        return escalator().json();
    }

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    final void printJson(JsonNode node) {
        out().println(Json.pretty(node));
    }
}
