package io.escalator.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A stack that replays a small hand-written RouterBench CSV: {@code escalator.replay.dataset} points at it, and the
 * ladder is two replay tiers on its models. Both files are written to a temporary directory.
 */
public class RecordedDatasetStack implements QuarkusTestProfile {

    static final String SMALL = "acme/small-7b";
    static final String BIG = "acme/big-v2";
    static final String SIX_TIMES_SEVEN = "What is 6 x 7?";
    static final String TWO_PLUS_TWO = "What is 2 + 2?";
    static final String CAPITAL = "Capital of Australia, one word?";

    /** small: right on 2 + 2 only; big: right on 6 x 7 only. */
    private static final String CSV = """
            sample_id,prompt,eval_name,acme/small-7b,acme/small-7b|model_response,acme/small-7b|total_cost,\
            acme/big-v2,acme/big-v2|model_response,acme/big-v2|total_cost
            s1,What is 6 x 7?,fixture,0.0,41,0.000012,1.0,42,0.0032
            s2,What is 2 + 2?,fixture,1.0,4,0.000011,1.0,4,0.0031
            s3,"Capital of Australia, one word?",fixture,0.0,Sydney,0.000013,0.0,Melbourne,0.0033
            """;

    private static final String LADDER = """
            {"tiers": [
              {"name": "small", "provider": "replay", "model": "acme/small-7b",
               "inputPricePerMillion": 0, "outputPricePerMillion": 0, "minAttempts": 1, "maxAttempts": 1},
              {"name": "big", "provider": "replay", "model": "acme/big-v2",
               "inputPricePerMillion": 0, "outputPricePerMillion": 0}
            ]}
            """;

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Path dir = Files.createTempDirectory("escalator-replay-stack");
            dir.toFile().deleteOnExit();
            Path dataset = Files.writeString(dir.resolve("recorded.csv"), CSV);
            Path ladder = Files.writeString(dir.resolve("ladder.json"), LADDER);
            dataset.toFile().deleteOnExit();
            ladder.toFile().deleteOnExit();
            return Map.of("escalator.replay.dataset", dataset.toString(), "escalator.replay.seed", "5",
                    "escalator.ladder-file", ladder.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
