package io.escalator.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tier's API key may live in a secret store ({@code apiKeySecret}) or a file of its own ({@code apiKeyFile}), read
 * when the ladder loads.
 */
class LadderSecretsTest {

    private static final String LADDER = """
            {"tiers": [{"name": "cloud", "provider": "openai", "baseUrl": "https://api.openai.com/v1", "model": "m",
                        "apiKeySecret": "%s", "inputPricePerMillion": 1, "outputPricePerMillion": 2}]}""";

    private final Map<String, String> store = Map.of("prod/openai", "sk-from-the-store\n");

    @Test
    void theKeyIsReadFromTheSecretStore() {
        Ladder ladder = new LadderLoader(name -> null, id -> Optional.ofNullable(store.get(id)))
                .parse(LADDER.formatted("prod/openai"), "test");

        assertThat(ladder.tier(0).apiKey()).map(Secret::reveal).contains("sk-from-the-store");
    }

    @Test
    void aMissingSecretIsALadderErrorNamingTheTierAndTheSecret() {
        LadderLoader loader = new LadderLoader(name -> null, id -> Optional.ofNullable(store.get(id)));

        assertThatThrownBy(() -> loader.parse(LADDER.formatted("prod/other"), "test"))
                .isInstanceOf(InvalidLadderException.class)
                .satisfies(e -> assertThat(((InvalidLadderException) e).errors())
                        .containsExactly("tier 'cloud' (tiers[0]): apiKeySecret: secret prod/other is empty or does not exist"));
    }

    @Test
    void withoutASecretStoreTheErrorSaysToUseAnEnvironmentVariable() {
        assertThatThrownBy(() -> new LadderLoader(name -> null).parse(LADDER.formatted("prod/openai"), "test"))
                .isInstanceOf(InvalidLadderException.class)
                .hasMessageContaining("apiKeySecret: cannot read secret prod/openai")
                .hasMessageContaining("use apiKeyEnv on a laptop");
    }

    @Test
    void aStoreThatFailsIsALadderErrorWithItsReason() {
        LadderLoader loader = new LadderLoader(name -> null, id -> {
            throw new IllegalStateException("AccessDenied");
        });

        assertThatThrownBy(() -> loader.parse(LADDER.formatted("prod/openai"), "test"))
                .hasMessageContaining("cannot read secret prod/openai: AccessDenied");
    }

    @Test
    void theKeyIsReadFromItsFileWithoutTheLineEnd(@TempDir Path dir) throws Exception {
        Path keyFile = Files.writeString(dir.resolve("openai.key"), "sk-from-a-file\n");

        Ladder ladder = new LadderLoader(name -> null).parse(withKeyFile(keyFile.toString()), "test");

        assertThat(ladder.tier(0).apiKey()).map(Secret::reveal).contains("sk-from-a-file");
    }

    @Test
    void aMissingOrEmptyKeyFileIsALadderErrorNamingTheTierAndTheFile(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.key");
        Path empty = Files.writeString(dir.resolve("empty.key"), "  \n");
        LadderLoader loader = new LadderLoader(name -> null);

        assertThatThrownBy(() -> loader.parse(withKeyFile(missing.toString()), "test"))
                .hasMessageContaining("tier 'cloud' (tiers[0]): apiKeyFile: cannot read " + missing + ": no such file");
        assertThatThrownBy(() -> loader.parse(withKeyFile(empty.toString()), "test"))
                .hasMessageContaining("tier 'cloud' (tiers[0]): apiKeyFile: file " + empty + " is empty");
    }

    private static String withKeyFile(String path) {
        return LADDER.replace("\"apiKeySecret\": \"%s\"", "\"apiKeyFile\": \"" + path + "\"");
    }
}
