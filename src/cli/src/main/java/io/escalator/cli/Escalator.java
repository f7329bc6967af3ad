package io.escalator.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * The {@code escalator} command: the options every command shares, its subcommands, and how failures end it (one line
 * on stderr and an {@link ExitCode}, never a stack trace).
 */
@Command(name = "escalator",
        scope = ScopeType.INHERIT, // every command has --help
        mixinStandardHelpOptions = true,
        versionProvider = Escalator.Version.class,
        description = {"Runs, reports, analytics, approvals and cleanup through the Escalator HTTP API.",
                "replay and ladder suggest --train work locally, on recorded model answers.",
                "Requests carry 'Authorization: Bearer $" + Escalator.TOKEN_VARIABLE + "' when it is set."},
        subcommands = {RunsCommand.class, ReportCommand.class, AnalyticsCommand.class, RecommendationsCommand.class,
                ApprovalCommand.Approve.class, ApprovalCommand.Reject.class, CleanupCommand.class,
                ReplayCommand.class, LadderCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:done",
                "1:the API answered with an error (unknown run, bad request, conflict, server error), or has too little"
                        + " history for ladder suggest --from-stack",
                "2:usage error: bad options or arguments, a file that cannot be read or written or has bad data",
                "3:the API cannot be reached, or did not answer in time"})
public class Escalator {

    static final String DEFAULT_URL = "http://localhost:8080";
    static final String URL_VARIABLE = "ESCALATOR_URL";
    static final String TOKEN_VARIABLE = "ESCALATOR_AUTH_TOKEN";

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The API's base URL. Default: $" + URL_VARIABLE + ", else " + DEFAULT_URL + ".")
    String url;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print JSON (indented) instead of tables and text.")
    boolean json;

    private final Environment environment;
    private ApiClient api;

    public Escalator(Environment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, System.out.charset()), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, System.err.charset()), true);
        System.exit(execute(Environment.system(), out, err, args));
    }

    /**
     * Runs the command line in this process, printing to {@code out} and {@code err} (flushed before it returns);
     * returns the exit code.
     */
    public static int execute(Environment environment, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine(environment);
        commandLine.setOut(out);
        commandLine.setErr(err);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static CommandLine commandLine(Environment environment) {
        CommandLine commandLine = new CommandLine(new Escalator(environment));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(Escalator::usageError);
        commandLine.setExecutionExceptionHandler((e, command, parseResult) -> failed(e, command));
        return commandLine;
    }

    Environment environment() {
        return environment;
    }

    boolean json() {
        return json;
    }

    /**
     * The API at {@code --url}, else {@code $ESCALATOR_URL}, else the local stack; called with the token in
     * {@code $ESCALATOR_AUTH_TOKEN}, if any.
     */
    ApiClient api() {
        if (api == null) {
            String token = environment.variables().get(TOKEN_VARIABLE);
            api = new ApiClient(baseUrl(), token == null || token.isBlank() ? null : token.strip());
        }
        return api;
    }

    private URI baseUrl() {
        String chosen = url;
        if (chosen == null || chosen.isBlank()) {
            String variable = environment.variables().get(URL_VARIABLE);
            chosen = variable == null || variable.isBlank() ? DEFAULT_URL : variable;
        }
        chosen = chosen.strip();
        try {
            URI uri = URI.create(chosen);
            if (uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw CliException.usage("the API URL must be an http:// or https:// URL such as " + DEFAULT_URL
                + ", was '" + chosen + "' (--url or $" + URL_VARIABLE + ")");
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println("escalator: " + Formats.oneLine(String.valueOf(e.getMessage()))
                + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
        return ExitCode.USAGE;
    }

    private static int failed(Exception e, CommandLine command) {
        if (e instanceof CliException failure) {
            command.getErr().println("escalator: " + Formats.oneLine(failure.getMessage()));
            return failure.exitCode();
        }
        command.getErr().println("escalator: unexpected error: " + Formats.oneLine(String.valueOf(e)));
        return ExitCode.API_ERROR;
    }

    /** The project version the jar was built from. */
    static String version() {
        return Version.VERSION;
    }

    static final class Version implements CommandLine.IVersionProvider {

        static final String VERSION = read();

        @Override
        public String[] getVersion() {
            return new String[] {"escalator " + VERSION};
        }

        private static String read() {
            try (InputStream in = Escalator.class.getResourceAsStream("version.properties")) {
                Properties properties = new Properties();
                if (in != null) {
                    properties.load(in);
                }
                return properties.getProperty("version", "unknown");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
