package io.escalator.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.RunningLadderText;
import io.escalator.ladder.Tier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The suggested ladder file: the current file's entries, kept and reordered, each tier running as it does now. */
class SuggestedLadderFileTest {

    private static final String FILE = LadderFiles.KEYED;
    private static final Ladder CURRENT = LadderFiles.keyed();

    @Test
    void aTierThatMovesDownKeepsItsAttemptsModeAndThresholdsRatherThanThoseOfItsNewPlace() {
        SuggestedLadderFile file = SuggestedLadderFile.of(FILE, CURRENT, List.of("capable", "premium"));

        Ladder suggested = RunningLadderText.withoutKeys().parse(file.text(), "suggested");
        Tier capable = suggested.tier(0);
        // as a first tier, capable would default to 2..3 attempts, minCqs 70, maxFailureRate 0.30, 3 syntax errors
        assertThat(capable.minAttempts()).isEqualTo(2);
        assertThat(capable.maxAttempts()).isEqualTo(6);
        assertThat(capable.thresholds()).isEqualTo(CURRENT.tier(1).thresholds());
        assertThat(capable.thresholds().minCqs()).isEqualTo(80);
        JsonNode entry = file.json().path("tiers").get(0);
        assertThat(entry.path("mode").asText()).isEqualTo("simple");
        assertThat(entry.path("baseUrl").asText()).isEqualTo("https://capable.test/v1");
    }

    @Test
    void aKeyWrittenIntoTheFileIsLeftOutWithANoteAndKeyReferencesAreKept() {
        SuggestedLadderFile file = SuggestedLadderFile.of(FILE, CURRENT, List.of("premium", "capable", "cheap"));

        assertThat(file.text()).doesNotContain("sk-written-into-the-file");
        assertThat(file.notes()).containsExactly("tier 'capable': its API key is written in the ladder file itself and"
                + " is left out here; give it apiKeyEnv or apiKeySecret (or the key) before deploying");
        assertThat(file.json().path("tiers").findValuesAsText("name")).containsExactly("premium", "capable", "cheap");
        assertThat(file.json().path("tiers").get(2).path("apiKeyEnv").asText()).isEqualTo("CHEAP_KEY");
        assertThat(file.json().path("tiers").get(0).path("apiKeySecret").asText()).isEqualTo("escalator/premium-key");
    }

    @Test
    void aTierTheCurrentLadderDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> SuggestedLadderFile.of(FILE, CURRENT, List.of("cheap", "gone")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gone");
    }
}
