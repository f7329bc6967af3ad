package io.escalator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateNoiseTest {

    @Test
    void flipsAtTheGivenRate() {
        GateNoise noise = new GateNoise(0.1, 42);
        int flips = 0;
        int draws = 0;
        for (int prompt = 0; prompt < 20_000; prompt++) {
            for (int attempt = 1; attempt <= 5; attempt++) {
                draws++;
                flips += noise.flips("arc-challenge.test." + prompt, "claude-v1", attempt) ? 1 : 0;
            }
        }
        // 100,000 draws: the standard deviation of the rate is under 0.001
        assertThat((double) flips / draws).isBetween(0.097, 0.103);
    }

    @Test
    void isReproducibleForASeedAndDiffersAcrossSeedsAttemptsAndModels() {
        assertThat(verdicts(new GateNoise(0.3, 7), "m", 1)).isEqualTo(verdicts(new GateNoise(0.3, 7), "m", 1))
                .isNotEqualTo(verdicts(new GateNoise(0.3, 8), "m", 1))
                .isNotEqualTo(verdicts(new GateNoise(0.3, 7), "m", 2))
                .isNotEqualTo(verdicts(new GateNoise(0.3, 7), "n", 1));
    }

    @Test
    void anExactGateNeverFlipsAndAnAlwaysWrongOneAlwaysDoes() {
        assertThat(verdicts(GateNoise.EXACT, "m", 1)).doesNotContain(true);
        assertThat(verdicts(new GateNoise(1, 5), "m", 1)).doesNotContain(false);
    }

    @Test
    void refusesARateOutsideZeroToOne() {
        assertThatThrownBy(() -> new GateNoise(1.5, 0)).isInstanceOf(ReplayDataException.class)
                .hasMessage("the gate error rate must be between 0 and 1, not 1.5");
        assertThatThrownBy(() -> new GateNoise(Double.NaN, 0)).isInstanceOf(ReplayDataException.class);
    }

    private static List<Boolean> verdicts(GateNoise noise, String model, int attempt) {
        List<Boolean> verdicts = new ArrayList<>();
        for (int prompt = 0; prompt < 200; prompt++) {
            verdicts.add(noise.flips("p" + prompt, model, attempt));
        }
        return verdicts;
    }
}
