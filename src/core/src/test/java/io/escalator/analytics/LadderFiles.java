package io.escalator.analytics;

import io.escalator.ladder.Ladder;
import io.escalator.ladder.RunningLadderText;

/** Ladder files for the ladder suggestion tests. */
final class LadderFiles {

    /** Key references on two tiers, a key written into the file on the third. */
    static final String KEYED = """
            {"$schema": "./ladder.schema.json", "tiers": [
              {"name": "cheap", "provider": "openai", "baseUrl": "http://local.test:11434/v1", "model": "cheap-model",
               "apiKeyEnv": "CHEAP_KEY", "inputPricePerMillion": 0.15, "outputPricePerMillion": 0.60},
              {"name": "capable", "provider": "openai", "baseUrl": "https://capable.test/v1", "model": "capable-model",
               "apiKey": "sk-written-into-the-file", "inputPricePerMillion": 3, "outputPricePerMillion": 15},
              {"name": "premium", "provider": "openai", "baseUrl": "https://premium.test/v1", "model": "premium-model",
               "apiKeySecret": "escalator/premium-key", "inputPricePerMillion": 15, "outputPricePerMillion": 75,
               "timeoutSeconds": 120, "mode": "full",
               "agents": {"analyzer": {"model": "premium-analyzer"},
                          "reviewer": {"model": "premium-reviewer", "inputPricePerMillion": 1}}}
            ]}
            """;

    private LadderFiles() {
    }

    /** The ladder {@link #KEYED} describes, its keys not looked up. */
    static Ladder keyed() {
        return RunningLadderText.withoutKeys().parse(KEYED, "test");
    }
}
