package io.escalator.cli;

import java.io.Console;
import java.io.InputStream;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * What the client takes from the process around it, so tests can give it their own.
 *
 * @param variables    environment variables ({@code ESCALATOR_URL})
 * @param stdin        where {@code --file -} reads from
 * @param zone         the time zone timestamps are shown in
 * @param pollInterval how often {@code --wait} asks for the run
 * @param interactive  whether stderr is a terminal: progress is then one line rewritten in place
 */
public record Environment(Map<String, String> variables, InputStream stdin, ZoneId zone, Duration pollInterval,
                          boolean interactive) {

    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    public static Environment system() {
        return new Environment(System.getenv(), System.in, ZoneId.systemDefault(), DEFAULT_POLL_INTERVAL, onATerminal());
    }

    /**
     * Whether the process talks to a terminal (its input and output are not redirected). From Java 22 on,
     * {@code System.console()} exists also when they are, and {@code Console.isTerminal()} tells.
     */
    private static boolean onATerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // Java 21: a console is a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** For tests: no environment variables, no input, UTC, quick polling, not a terminal. */
    public static Environment of(Map<String, String> variables) {
        return new Environment(variables, InputStream.nullInputStream(), ZoneId.of("UTC"), Duration.ofMillis(20), false);
    }

    public Environment withStdin(InputStream stdin) {
        return new Environment(variables, stdin, zone, pollInterval, interactive);
    }

    public Environment withPollInterval(Duration pollInterval) {
        return new Environment(variables, stdin, zone, pollInterval, interactive);
    }
}
