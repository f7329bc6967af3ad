package io.escalator.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A stack of its own (its own in-memory database) whose three-tier ladder has key references: the history of
 * {@link LadderHistory} is on this ladder. Its models listen on a closed loopback port, so a real run fails on every
 * tier and ends for a person. The ladder file stays at {@link #LADDER_FILE} for tests that edit it.
 */
public class LadderFromTelemetryStack implements QuarkusTestProfile {

    public static final Path LADDER_FILE = Path.of("target", "ladder-from-telemetry-test.json").toAbsolutePath();

    @Override
    public Map<String, String> getConfigOverrides() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int closedPort = socket.getLocalPort();
            socket.close();
            Files.createDirectories(LADDER_FILE.getParent());
            // PATH: an environment variable every machine has, standing in for a key's variable
            Files.writeString(LADDER_FILE, """
                    {"tiers": [
                      {"name": "cheap", "provider": "openai", "baseUrl": "http://127.0.0.1:%1$d/v1", "model": "cheap-model",
                       "inputPricePerMillion": 0.15, "outputPricePerMillion": 0.60},
                      {"name": "capable", "provider": "openai", "baseUrl": "http://127.0.0.1:%1$d/v1", "model": "capable-model",
                       "apiKey": "sk-test-written-into-the-file", "inputPricePerMillion": 3, "outputPricePerMillion": 15},
                      {"name": "premium", "provider": "openai", "baseUrl": "http://127.0.0.1:%1$d/v1", "model": "premium-model",
                       "apiKeyEnv": "PATH", "inputPricePerMillion": 15, "outputPricePerMillion": 75}
                    ]}
                    """.formatted(closedPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("escalator.ladder-file", LADDER_FILE.toString());
    }
}
