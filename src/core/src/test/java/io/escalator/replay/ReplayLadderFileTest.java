package io.escalator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.ladder.Ladder;
import io.escalator.ladder.LadderLoader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayLadderFileTest {

    @Test
    void writesALadderTheEngineLoadsWithTheChosenModelsAndAttempts() {
        List<TierChoice> tiers = List.of(new TierChoice("mistralai/mistral-7b-chat", 2),
                new TierChoice("zero-one-ai/Yi-34B-Chat", 1), new TierChoice("gpt-4-1106-preview", 3));

        Ladder ladder = new LadderLoader(name -> null).parse(ReplayLadderFile.json(tiers), "suggested.json");

        assertThat(ladder.tiers()).extracting(tier -> tier.name())
                .containsExactly("mistralai-mistral-7b-chat", "zero-one-ai-Yi-34B-Chat", "gpt-4-1106-preview");
        assertThat(ladder.tiers()).extracting(tier -> tier.provider()).containsOnly("replay");
        assertThat(ladder.tiers()).extracting(tier -> tier.model())
                .containsExactly("mistralai/mistral-7b-chat", "zero-one-ai/Yi-34B-Chat", "gpt-4-1106-preview");
        assertThat(ladder.tiers()).extracting(tier -> tier.minAttempts()).containsExactly(2, 1, 1);
        assertThat(ladder.tiers()).extracting(tier -> tier.maxAttempts()).containsExactly(2, 1, 3);
        assertThat(ladder.tier(0).baseUrl()).isNull();
    }

    @Test
    void tierNamesFitTheSchemaAndStayUnique() {
        Set<String> taken = new HashSet<>();
        String long1 = ReplayLadderFile.uniqueName("org/" + "x".repeat(60), taken);
        String long2 = ReplayLadderFile.uniqueName("org/" + "x".repeat(60), taken);

        assertThat(long1).hasSize(40).matches("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
        assertThat(long2).hasSize(40).endsWith("-2").isNotEqualTo(long1);
        assertThat(ReplayLadderFile.uniqueName("/odd name!", taken)).isEqualTo("odd-name-");
    }
}
