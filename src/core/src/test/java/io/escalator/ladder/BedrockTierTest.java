package io.escalator.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class BedrockTierTest {

    private static Ladder parse(String json) {
        return new LadderLoader(name -> null).parse(json, "bedrock.json");
    }

    private static String ladder(String extra) {
        return """
                {"tiers": [{"name": "claude", "provider": "bedrock",
                            "model": "us.anthropic.claude-3-5-haiku-20241022-v1:0",
                            "inputPricePerMillion": 0.8, "outputPricePerMillion": 4%s}]}""".formatted(extra);
    }

    @Test
    void aBedrockTierNeedsOnlyAModelId() {
        Tier tier = parse(ladder("")).tier(0);

        assertThat(tier.provider()).isEqualTo(LadderLoader.BEDROCK_PROVIDER);
        assertThat(tier.model()).isEqualTo("us.anthropic.claude-3-5-haiku-20241022-v1:0");
        assertThat(tier.baseUrl()).isNull();
        assertThat(tier.apiKey()).isEmpty();
        assertThat(tier.region()).isNull();
        assertThat(tier.endpoint()).isNull();
    }

    @Test
    void aBedrockTierTakesARegionAndAnEndpoint() {
        Tier tier = parse(ladder(", \"region\": \"eu-central-1\", \"endpoint\": \"https://vpce-1.bedrock-runtime.eu-central-1.vpce.amazonaws.com\"")).tier(0);

        assertThat(tier.region()).isEqualTo("eu-central-1");
        assertThat(tier.endpoint()).isEqualTo(URI.create("https://vpce-1.bedrock-runtime.eu-central-1.vpce.amazonaws.com"));
        assertThat(parse(ladder(", \"region\": \"us-gov-west-1\"")).tier(0).region()).isEqualTo("us-gov-west-1");
    }

    @Test
    void aBedrockTierWithoutAModelIdIsALadderError() {
        assertThatThrownBy(() -> parse("""
                {"tiers": [{"name": "claude", "provider": "bedrock", "region": "us-east-1",
                            "inputPricePerMillion": 0.8, "outputPricePerMillion": 4}]}"""))
                .isInstanceOf(InvalidLadderException.class)
                .hasMessageContaining("tier 'claude' (tiers[0])")
                .hasMessageContaining("model");
        assertThatThrownBy(() -> parse(ladder("").replace("\"us.anthropic.claude-3-5-haiku-20241022-v1:0\"", "\"\"")))
                .isInstanceOf(InvalidLadderException.class)
                .hasMessageContaining("tier 'claude' (tiers[0]): model");
    }

    @Test
    void aMalformedRegionIsALadderError() {
        for (String region : new String[] {"us-east", "US-EAST-1", "useast1", "us-east-1a"}) {
            assertThatThrownBy(() -> parse(ladder(", \"region\": \"" + region + "\"")))
                    .as(region)
                    .isInstanceOf(InvalidLadderException.class)
                    .hasMessageContaining("tier 'claude' (tiers[0]): region");
        }
    }

    @Test
    void aMalformedEndpointIsALadderError() {
        assertThatThrownBy(() -> parse(ladder(", \"endpoint\": \"bedrock.internal\"")))
                .isInstanceOf(InvalidLadderException.class)
                .hasMessageContaining("tier 'claude' (tiers[0]): endpoint: 'bedrock.internal' is not an absolute http(s) URL");
    }

    @Test
    void aBedrockTierRefusesABaseUrlAndApiKeys() {
        assertThatThrownBy(() -> parse(ladder(", \"baseUrl\": \"https://api.openai.com/v1\", \"apiKey\": \"sk-secret\"")))
                .isInstanceOf(InvalidLadderException.class)
                .hasMessageContaining("tier 'claude' (tiers[0]): baseUrl: makes no sense for provider 'bedrock'")
                .hasMessageContaining("tier 'claude' (tiers[0]): apiKey: makes no sense for provider 'bedrock'")
                .hasMessageNotContaining("sk-secret");
    }

    @Test
    void anOpenAiTierRefusesARegion() {
        assertThatThrownBy(() -> parse("""
                {"tiers": [{"name": "gpt", "provider": "openai", "baseUrl": "https://api.openai.com/v1",
                            "model": "gpt-4.1", "region": "us-east-1",
                            "inputPricePerMillion": 2, "outputPricePerMillion": 8}]}"""))
                .isInstanceOf(InvalidLadderException.class)
                .hasMessageContaining("tier 'gpt' (tiers[0]): region: is for provider 'bedrock' only");
    }

    @Test
    void theFingerprintOfALadderWithoutBedrockIsUnchanged() {
        // region and endpoint are left out of the fingerprint when absent, so existing ladders keep theirs
        Ladder openAi = parse("""
                {"tiers": [{"name": "gpt", "provider": "openai", "baseUrl": "https://api.openai.com/v1",
                            "model": "gpt-4.1", "inputPricePerMillion": 2, "outputPricePerMillion": 8}]}""");
        assertThat(io.escalator.support.Json.write(java.util.List.of(openAi.tier(0)))).doesNotContain("region").doesNotContain("endpoint");
    }

    @Test
    void theBedrockExampleLadderLoads() throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath();
        while (!java.nio.file.Files.isDirectory(dir.resolve("infra/ladders"))) {
            dir = dir.getParent();
        }
        Ladder ladder = parse(java.nio.file.Files.readString(dir.resolve("infra/ladders/bedrock.json")));

        assertThat(ladder.size()).isEqualTo(3);
        assertThat(ladder.tier(0).provider()).isEqualTo("openai");
        assertThat(ladder.tier(1).provider()).isEqualTo(LadderLoader.BEDROCK_PROVIDER);
        assertThat(ladder.top().model()).isEqualTo("us.anthropic.claude-sonnet-4-20250514-v1:0");
        assertThat(ladder.top().region()).isEqualTo("us-east-1");
    }
}
