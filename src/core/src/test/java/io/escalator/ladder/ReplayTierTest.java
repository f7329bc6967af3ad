package io.escalator.ladder;

import static io.escalator.testkit.RecordedFixture.BIG;
import static io.escalator.testkit.RecordedFixture.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.replay.RecordedAnswers;
import io.escalator.testkit.RecordedFixture;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplayTierTest {

    private static final String REPLAY_LADDER = """
            {"tiers": [
              {"name": "small", "provider": "replay", "model": "%s",
               "inputPricePerMillion": 0, "outputPricePerMillion": 0},
              {"name": "big", "provider": "openai", "baseUrl": "https://api.openai.com/v1", "model": "gpt-4.1",
               "inputPricePerMillion": 2, "outputPricePerMillion": 8}
            ]}""".formatted(SMALL);

    private static final RecordedAnswers RECORDED = RecordedAnswers.of(RecordedFixture.dataset(), 0);
    private static final RecordedAnswers NONE = new RecordedAnswers(Optional.empty(), 0);

    private static Ladder parse(String json) {
        return new LadderLoader(name -> null).parse(json, "replay.json");
    }

    @Test
    void aReplayTierNeedsNoEndpoint() {
        Ladder ladder = parse(REPLAY_LADDER);

        assertThat(ladder.tier(0).provider()).isEqualTo(LadderLoader.REPLAY_PROVIDER);
        assertThat(ladder.tier(0).baseUrl()).isNull();
    }

    @Test
    void aReplayTierIsAGeneratorAloneEvenOnTop() {
        Ladder ladder = parse("""
                {"tiers": [{"name": "only", "provider": "replay", "model": "m", "inputPricePerMillion": 0,
                            "outputPricePerMillion": 0}]}""");

        assertThat(ladder.top().mode()).isEqualTo(AgentMode.SIMPLE);
    }

    @Test
    void aReplayTierInFullModeIsRefused() {
        assertThatThrownBy(() -> parse("""
                {"tiers": [{"name": "only", "provider": "replay", "model": "m", "inputPricePerMillion": 0,
                            "outputPricePerMillion": 0, "mode": "full"}]}"""))
                .isInstanceOf(InvalidLadderException.class)
                .hasMessageContaining("tier 'only' (tiers[0]): mode: 'full' adds a failure analyzer and a reviewer, and"
                        + " recorded data has only answers; a replay tier runs 'simple' (its default)");
    }

    @Test
    void theStackRefusesAReplayTierWhenNoRecordedDatasetIsConfigured() {
        assertThatThrownBy(() -> LadderProducer.requireRecordedModels(parse(REPLAY_LADDER), "replay.json", NONE))
                .isInstanceOf(InvalidLadderException.class)
                .hasMessageContaining("tier 'small' (tiers[0]): provider: 'replay' answers from a recorded dataset and"
                        + " none is configured: set escalator.replay.dataset (environment variable"
                        + " ESCALATOR_REPLAY_DATASET) to a RouterBench CSV, or point the tier at a live endpoint");
    }

    @Test
    void theStackRunsAReplayTierWhoseModelsTheDatasetHas() {
        assertThatCode(() -> LadderProducer.requireRecordedModels(parse(REPLAY_LADDER), "replay.json", RECORDED))
                .doesNotThrowAnyException();
    }

    @Test
    void aLiveLadderNeedsNoDataset() {
        assertThatCode(() -> LadderProducer.requireRecordedModels(parse(REPLAY_LADDER.replace(
                "\"provider\": \"replay\"", "\"provider\": \"openai\", \"baseUrl\": \"http://localhost:11434/v1\"")),
                "live.json", NONE)).doesNotThrowAnyException();
    }

    @Test
    void everyModelOfAReplayTierTheDatasetLacksIsNamedWithTheDatasetsModels() {
        Ladder ladder = parse("""
                {"tiers": [
                  {"name": "small", "provider": "replay", "model": "acme/tiny", "inputPricePerMillion": 0,
                   "outputPricePerMillion": 0, "agents": {"generator": {"model": "%s"}, "reviewer": {"model": "acme/huge"}}},
                  {"name": "big", "provider": "replay", "model": "%s", "inputPricePerMillion": 0, "outputPricePerMillion": 0}
                ]}""".formatted(SMALL, BIG));

        assertThatThrownBy(() -> LadderProducer.requireRecordedModels(ladder, "replay.json", RECORDED))
                .isInstanceOfSatisfying(InvalidLadderException.class, e -> assertThat(e.errors()).containsExactly(
                        "tier 'small' (tiers[0]): model: 'acme/tiny' is not a model of the recorded dataset fixture.csv;"
                                + " its models: acme/small-7b, acme/mid-34b, acme/big-v2",
                        "tier 'small' (tiers[0]): agents.reviewer.model: 'acme/huge' is not a model of the recorded"
                                + " dataset fixture.csv; its models: acme/small-7b, acme/mid-34b, acme/big-v2"));
    }

    @Test
    void anOpenAiTierStillNeedsItsEndpoint() {
        assertThatThrownBy(() -> parse(REPLAY_LADDER.replace("\"provider\": \"replay\"", "\"provider\": \"openai\"")))
                .isInstanceOf(InvalidLadderException.class)
                .hasMessageContaining("tier 'small' (tiers[0]): baseUrl: is required for provider 'openai'");
    }
}
