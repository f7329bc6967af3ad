package io.escalator.api;

import io.escalator.testing.ScriptedBedrockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stack whose ladder is two Bedrock tiers on a loopback server that speaks the Converse protocol: Nova Micro
 * ($0.035 / $0.14 per million tokens, one attempt) below Claude Sonnet ($3 / $15). The stack signs its requests with
 * the default AWS credential chain, here static test credentials given as the {@code aws.accessKeyId} and
 * {@code aws.secretAccessKey} system properties while the profile runs. Tests get the server injected.
 */
public class BedrockStack implements QuarkusTestProfile {

    static final String NOVA = "amazon.nova-micro-v1:0";
    static final String CLAUDE = "us.anthropic.claude-sonnet-4-20250514-v1:0";
    static final String ACCESS_KEY_ID = "AKIDBEDROCKSTACK";
    static final String SECRET_ACCESS_KEY = "bedrock-stack-test-secret";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Server.class));
    }

    public static class Server implements QuarkusTestResourceLifecycleManager {

        private static final List<String> CREDENTIAL_PROPERTIES = List.of("aws.accessKeyId", "aws.secretAccessKey");

        private ScriptedBedrockServer server;
        private Path ladderFile;
        private final Map<String, String> propertiesBefore = new HashMap<>();

        @Override
        public Map<String, String> start() {
            server = ScriptedBedrockServer.start();
            CREDENTIAL_PROPERTIES.forEach(name -> propertiesBefore.put(name, System.getProperty(name)));
            System.setProperty("aws.accessKeyId", ACCESS_KEY_ID);
            System.setProperty("aws.secretAccessKey", SECRET_ACCESS_KEY);
            try {
                ladderFile = Files.createTempFile("escalator-bedrock-ladder", ".json");
                Files.writeString(ladderFile, """
                        {"tiers": [
                          {"name": "nova", "provider": "bedrock", "model": "%1$s", "region": "us-east-1",
                           "endpoint": "%3$s", "inputPricePerMillion": 0.035, "outputPricePerMillion": 0.14,
                           "mode": "simple", "maxAttempts": 1},
                          {"name": "claude", "provider": "bedrock", "model": "%2$s", "region": "us-east-1",
                           "endpoint": "%3$s", "inputPricePerMillion": 3, "outputPricePerMillion": 15, "mode": "simple"}
                        ]}
                        """.formatted(NOVA, CLAUDE, server.endpoint()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("escalator.ladder-file", ladderFile.toString());
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(server, new TestInjector.MatchesType(ScriptedBedrockServer.class));
        }

        @Override
        public void stop() {
            server.close();
            propertiesBefore.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
            try {
                Files.deleteIfExists(ladderFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
