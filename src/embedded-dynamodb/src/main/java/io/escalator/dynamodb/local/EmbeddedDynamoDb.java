package io.escalator.dynamodb.local;

import com.amazonaws.services.dynamodbv2.local.main.CommandLineInput;
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.cli.ParseException;
import org.jboss.logging.Logger;

/**
 * A DynamoDB Local server running inside this JVM, reachable over HTTP on a free port.
 *
 * <p>DynamoDB Local binds all network interfaces (it has no host option), but {@link #endpoint()}
 * always names the loopback address. It runs with {@code -sharedDb}, so every client sees the same
 * tables whatever its credentials and region, and with {@code -disableTelemetry}, which also stops it
 * from writing {@code dynamodb-local-metadata.json} into the working directory. Its SQLite native
 * library is extracted from the DynamoDB Local jar into {@code java.io.tmpdir} (or
 * {@code org.sqlite.tmpdir}) at first use and deleted when the JVM exits.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDynamoDb.class);
    private static final int BIND_ATTEMPTS = 5;

    private final DynamoDBProxyServer server;
    private final int port;
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port, String description) {
        this.server = server;
        this.port = port;
        this.description = description;
    }

    /** Starts a server whose tables live in memory and vanish when it stops. */
    public static EmbeddedDynamoDb startInMemory() {
        return start(List.of("-inMemory"), "in memory");
    }

    /**
     * Starts a server that keeps its tables in {@code dataDirectory} (created if missing), so they
     * survive a stop and a later start on the same directory.
     */
    public static EmbeddedDynamoDb startPersistent(Path dataDirectory) {
        Path directory = prepareDataDirectory(dataDirectory);
        return start(List.of("-dbPath", directory.toString()), "persisted in " + directory);
    }

    /** The HTTP endpoint for a DynamoDB client: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Stops the server. Calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.stop();
            LOG.debugf("Stopped DynamoDB Local on port %d (%s)", port, description);
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop DynamoDB Local on port " + port, e);
        }
    }

    private static EmbeddedDynamoDb start(List<String> storageArguments, String description) {
        long startedAt = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            DynamoDBProxyServer server = null;
            try {
                server = createServer(storageArguments, port);
                server.start();
            } catch (Exception e) {
                if (server != null) {
                    stopQuietly(server);
                }
                if (isBindFailure(e) && attempt < BIND_ATTEMPTS) {
                    LOG.debugf("Port %d was taken before DynamoDB Local could bind it; retrying", port);
                    continue;
                }
                throw new IllegalStateException(
                        "Could not start DynamoDB Local (" + description + ") on port " + port, e);
            }
            LOG.infof("DynamoDB Local (%s) listening on port %d, started in %d ms",
                    description, port, (System.nanoTime() - startedAt) / 1_000_000);
            return new EmbeddedDynamoDb(server, port, description);
        }
    }

    /**
     * Builds the server through {@link ServerRunner#createServer(CommandLineInput)} rather than
     * {@code createServerFromCommandLineArgs}, which also prints a configuration banner to stdout.
     */
    private static DynamoDBProxyServer createServer(List<String> storageArguments, int port) {
        List<String> arguments = new ArrayList<>(storageArguments);
        arguments.addAll(List.of("-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)));
        CommandLineInput input;
        try {
            input = new CommandLineInput(arguments.toArray(String[]::new));
        } catch (ParseException e) {
            throw new IllegalStateException("DynamoDB Local rejected its arguments " + arguments, e);
        }
        if (!input.init()) {
            throw new IllegalStateException("DynamoDB Local rejected its arguments " + arguments);
        }
        return ServerRunner.createServer(input);
    }

    private static Path prepareDataDirectory(Path dataDirectory) {
        Path directory = Objects.requireNonNull(dataDirectory, "dataDirectory").toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException("Could not create the DynamoDB Local data directory " + directory, e);
        }
        if (!Files.isWritable(directory)) {
            throw new IllegalStateException("The DynamoDB Local data directory " + directory + " is not writable");
        }
        return directory;
    }

    /** DynamoDB Local refuses port 0, so we pick a port that is free now and retry if we lose it. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("Could not find a free loopback port", e);
        }
    }

    private static boolean isBindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static void stopQuietly(DynamoDBProxyServer server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("Ignoring a failure to stop a DynamoDB Local server that did not start", e);
        }
    }
}
