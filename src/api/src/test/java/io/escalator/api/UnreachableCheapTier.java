package io.escalator.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A ladder whose cheap tier points at a loopback port nobody listens on: a local model server that is down. */
public class UnreachableCheapTier implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("escalator.ladder-file", unreachableLadder().toString());
    }

    private static Path unreachableLadder() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int closedPort = socket.getLocalPort();
            socket.close();
            Path ladder = Files.createTempFile("escalator-unreachable-ladder", ".json");
            ladder.toFile().deleteOnExit();
            return Files.writeString(ladder, """
                    {"tiers": [
                      {"name": "local", "provider": "openai", "baseUrl": "http://127.0.0.1:%d/v1", "model": "llama3.2:3b",
                       "inputPricePerMillion": 0, "outputPricePerMillion": 0},
                      {"name": "cloud", "provider": "openai", "baseUrl": "http://127.0.0.1:%d/v1", "model": "gpt-4.1",
                       "inputPricePerMillion": 2, "outputPricePerMillion": 8}
                    ]}
                    """.formatted(closedPort, closedPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
