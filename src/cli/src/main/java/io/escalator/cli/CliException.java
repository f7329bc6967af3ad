package io.escalator.cli;

/**
 * A failure the client reports as one line on stderr, with the exit code that says what kind it is (see
 * {@link ExitCode}). Never shown with a stack trace.
 */
public class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Bad input the parser cannot see, e.g. a request file that does not exist. */
    public static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }

    /** The API answered, with an error. */
    public static CliException api(String message) {
        return new CliException(ExitCode.API_ERROR, message);
    }

    /** The API did not answer. */
    public static CliException unreachable(String message) {
        return new CliException(ExitCode.UNREACHABLE, message);
    }
}
