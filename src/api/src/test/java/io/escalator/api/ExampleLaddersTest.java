package io.escalator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.ladder.Ladder;
import io.escalator.ladder.LadderLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The example ladders the README points to are valid ladders. */
class ExampleLaddersTest {

    private static final Path EXAMPLES = Path.of("..", "..", "infra", "ladders");

    @Test
    void everyExampleLadderLoads() throws IOException {
        LadderLoader loader = new LadderLoader(variable -> "key-from-" + variable);
        List<Path> files;
        try (Stream<Path> listing = Files.list(EXAMPLES)) {
            files = listing.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        }

        assertThat(files).extracting(path -> path.getFileName().toString())
                .contains("ollama.json", "openai.json", "local-then-cloud.json", "bedrock.json");
        for (Path file : files) {
            Ladder ladder = loader.load(file);
            assertThat(ladder.size()).as(file.toString()).isGreaterThanOrEqualTo(2);
        }
    }
}
