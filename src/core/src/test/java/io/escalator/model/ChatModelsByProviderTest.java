package io.escalator.model;

import static io.escalator.ladder.AgentRole.GENERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.cost.TokenUsage;
import io.escalator.ladder.AgentModel;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.Tier;
import io.escalator.testkit.TestLadders;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChatModelsByProviderTest {

    private static final Ladder LADDER = TestLadders.parse("""
            {"tiers": [
              {"name": "live", "provider": "openai", "baseUrl": "http://models.test/v1", "model": "small",
               "inputPricePerMillion": 1, "outputPricePerMillion": 2},
              {"name": "recorded", "provider": "replay", "model": "big",
               "inputPricePerMillion": 0, "outputPricePerMillion": 0}
            ]}""");

    /** A provider that answers with its own name, and knows its costs in advance only when told one. */
    private record NamedProvider(String provider, BigDecimal known) implements ProviderChatModels {
        @Override
        public ModelReply chat(Tier tier, AgentModel model, ChatPrompt prompt) {
            return new ModelReply(provider + " answers " + prompt.itemInput(), TokenUsage.NONE, false, 0);
        }

        @Override
        public Optional<BigDecimal> knownCost(Tier tier, AgentModel model, ChatPrompt prompt) {
            return Optional.ofNullable(known);
        }
    }

    private final ChatModelsByProvider models = new ChatModelsByProvider(List.of(
            new NamedProvider("openai", null), new NamedProvider("replay", new BigDecimal("0.003"))));

    private static ChatPrompt prompt() {
        return new ChatPrompt("system", "user", "item input");
    }

    @Test
    void eachCallGoesToTheProviderOfItsTier() throws ModelCallException {
        Tier live = LADDER.tier(0);
        Tier recorded = LADDER.tier(1);

        assertThat(models.chat(live, live.modelFor(GENERATOR), prompt()).text())
                .isEqualTo("openai answers item input");
        assertThat(models.chat(recorded, recorded.modelFor(GENERATOR), prompt()).text())
                .isEqualTo("replay answers item input");
    }

    @Test
    void aCostKnownInAdvanceComesFromTheProviderOfTheTier() {
        Tier live = LADDER.tier(0);
        Tier recorded = LADDER.tier(1);

        assertThat(models.knownCost(live, live.modelFor(GENERATOR), prompt())).isEmpty();
        assertThat(models.knownCost(recorded, recorded.modelFor(GENERATOR), prompt()))
                .contains(new BigDecimal("0.003"));
    }

    @Test
    void aTierOfAProviderTheEngineCannotCallIsABugNamingTheProvidersItHas() {
        ChatModelsByProvider onlyOpenAi = new ChatModelsByProvider(List.of(new NamedProvider("openai", null)));
        Tier recorded = LADDER.tier(1);

        assertThatThrownBy(() -> onlyOpenAi.chat(recorded, recorded.modelFor(GENERATOR), prompt()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("tier 'recorded' has provider 'replay', which this engine cannot call; it calls: openai");
    }
}
