package io.escalator.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplayTierTest {

    private static final String REPLAY_LADDER = """
            {"tiers": [
              {"name": "small", "provider": "replay", "model": "mistralai/mistral-7b-chat",
               "inputPricePerMillion": 0, "outputPricePerMillion": 0},
              {"name": "big", "provider": "openai", "baseUrl": "https://api.openai.com/v1", "model": "gpt-4.1",
               "inputPricePerMillion": 2, "outputPricePerMillion": 8}
            ]}""";

    @Test
    void aReplayTierNeedsNoEndpoint() {
        Ladder ladder = new LadderLoader(name -> null).parse(REPLAY_LADDER, "replay.json");

        assertThat(ladder.tier(0).provider()).isEqualTo(LadderLoader.REPLAY_PROVIDER);
        assertThat(ladder.tier(0).baseUrl()).isNull();
    }

    @Test
    void theStackRefusesAReplayTierItHasNoModelToCallFor() {
        Ladder ladder = new LadderLoader(name -> null).parse(REPLAY_LADDER, "replay.json");

        assertThatThrownBy(() -> LadderProducer.requireLiveTiers(ladder, "replay.json"))
                .isInstanceOf(InvalidLadderException.class)
                .hasMessageContaining("tier 'small': provider: 'replay' answers from recorded data");
    }

    @Test
    void anOpenAiTierStillNeedsItsEndpoint() {
        assertThatThrownBy(() -> new LadderLoader(name -> null).parse(REPLAY_LADDER.replace("\"provider\": \"replay\"",
                "\"provider\": \"openai\""), "replay.json"))
                .isInstanceOf(InvalidLadderException.class)
                .hasMessageContaining("tier 'small' (tiers[0]): baseUrl: is required for provider 'openai'");
    }
}
