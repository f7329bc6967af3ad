package io.escalator.ladder;

import static io.escalator.ladder.LadderLoaderTest.ladder;
import static io.escalator.ladder.LadderLoaderTest.parse;
import static io.escalator.ladder.LadderLoaderTest.tier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.cost.TokenUsage;
import io.escalator.support.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LadderTest {

    private final Ladder ladder = parse(ladder(tier("cheap"), tier("capable"), tier("premium")));

    @Test
    void aLadderNeedsATier() {
        assertThatThrownBy(() -> new Ladder(List.of(), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one tier");
    }

    @Test
    void theLastTierIsTheTop() {
        assertThat(ladder.top().name()).isEqualTo("premium");
        assertThat(ladder.topIndex()).isEqualTo(2);
        assertThat(ladder.isTop(2)).isTrue();
        assertThat(ladder.isTop(1)).isFalse();
    }

    @Test
    void findsTiersByName() {
        assertThat(ladder.indexOf("capable")).contains(1);
        assertThat(ladder.indexOf("unknown")).isEmpty();
    }

    @Test
    void theTierListCannotBeChangedFromOutside() {
        assertThatThrownBy(() -> ladder.tiers().add(ladder.top())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aSecretPrintsAsAMask() {
        Tier tier = parse(ladder(tier("a", "\"apiKey\": \"sk-very-secret\""))).tier(0);

        assertThat(tier.apiKey().orElseThrow()).hasToString("****");
        assertThat(tier.toString()).doesNotContain("sk-very-secret");
    }

    @Test
    void theApiKeyIsNotWrittenToJson() {
        Tier tier = parse(ladder(tier("a", "\"apiKey\": \"sk-very-secret\""))).tier(0);

        assertThat(Json.write(tier)).doesNotContain("sk-very-secret").doesNotContain("apiKey");
    }

    @Test
    void aCallCostsTokensTimesPricesPerMillion() {
        Prices prices = new Prices(new BigDecimal("1"), new BigDecimal("2"));

        // 1000 x $1/M + 500 x $2/M = $0.001 + $0.001
        assertThat(prices.cost(new TokenUsage(1000, 500))).isEqualByComparingTo("0.002");
        assertThat(Prices.FREE.cost(new TokenUsage(1_000_000, 1_000_000))).isEqualByComparingTo("0");
    }

    @Test
    void anAgentWithoutOverrideUsesTheTierModel() {
        Tier tier = ladder.tier(0);

        assertThat(tier.agentOverrides()).isEqualTo(Map.of());
        assertThat(tier.modelFor(AgentRole.FAILURE_ANALYZER)).isEqualTo(new AgentModel("model-cheap", tier.prices()));
    }

    @Test
    void simpleModeRunsTheGeneratorAndFullModeTheWholeTeamInOrder() {
        assertThat(AgentMode.SIMPLE.roles()).containsExactly(AgentRole.GENERATOR);
        assertThat(AgentMode.FULL.roles())
                .containsExactly(AgentRole.FAILURE_ANALYZER, AgentRole.GENERATOR, AgentRole.REVIEWER);
    }
}
