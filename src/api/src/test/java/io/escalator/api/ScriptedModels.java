package io.escalator.api;

import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts an OpenAI-protocol server on loopback whose answers the tests script per model, and points the stack's
 * ladder at it: {@code cheap-model} (free), {@code capable-model} ($0.50 / $1.50 per million tokens) and
 * {@code premium-model} ($5 / $15, full agent team). Tests get the server injected into a field of its type.
 */
public class ScriptedModels implements QuarkusTestResourceLifecycleManager {

    public static final String CHEAP = "cheap-model";
    public static final String CAPABLE = "capable-model";
    public static final String PREMIUM = "premium-model";
    /** The cheap tier gives up on a call after this many seconds. */
    public static final int CHEAP_TIMEOUT_SECONDS = 2;

    private ScriptedOpenAiServer server;
    private Path ladderFile;

    @Override
    public Map<String, String> start() {
        server = ScriptedOpenAiServer.start();
        try {
            ladderFile = Files.createTempFile("escalator-test-ladder", ".json");
            Files.writeString(ladderFile, ladder(server.baseUrl().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("escalator.ladder-file", ladderFile.toString());
    }

    static String ladder(String baseUrl) {
        return """
                {"tiers": [
                  {"name": "cheap", "provider": "openai", "baseUrl": "%1$s", "model": "%2$s",
                   "inputPricePerMillion": 0, "outputPricePerMillion": 0, "timeoutSeconds": %5$d},
                  {"name": "capable", "provider": "openai", "baseUrl": "%1$s", "model": "%3$s",
                   "apiKey": "sk-test-capable-key", "inputPricePerMillion": 0.50, "outputPricePerMillion": 1.50},
                  {"name": "premium", "provider": "openai", "baseUrl": "%1$s", "model": "%4$s",
                   "apiKey": "sk-test-premium-key", "inputPricePerMillion": 5, "outputPricePerMillion": 15}
                ]}
                """.formatted(baseUrl, CHEAP, CAPABLE, PREMIUM, CHEAP_TIMEOUT_SECONDS);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.MatchesType(ScriptedOpenAiServer.class));
    }

    @Override
    public void stop() {
        server.close();
        try {
            Files.deleteIfExists(ladderFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
