package io.escalator.cli;

/** The client's exit codes, as the README lists them. */
public final class ExitCode {

    /** Done. */
    public static final int OK = 0;
    /**
     * The API answered with an error: 4xx (e.g. an unknown run, a bad request, a conflict) or 5xx; or it has too little
     * history for {@code ladder suggest --from-stack}.
     */
    public static final int API_ERROR = 1;
    /** The command line was wrong (picocli's usage code), or a file it names could not be read or written. */
    public static final int USAGE = 2;
    /** The API could not be reached, or did not answer in time. */
    public static final int UNREACHABLE = 3;

    private ExitCode() {
    }
}
