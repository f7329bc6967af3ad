package io.escalator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The optimizer's fast replay gives exactly what the policy-driven replay gives. */
class FastReplayTest {

    @Test
    void equalsThePolicyDrivenReplayOnRandomLaddersOverTheSharedData() {
        Random random = new Random(2024);
        for (var file : SharedDatasets.trainFiles()) {
            RecordedDataset data = RouterBenchCsv.read(file);
            var prompts = data.complete().prompts();
            for (double errorRate : new double[] {0, 0.1, 0.3}) {
                GateNoise noise = new GateNoise(errorRate, 99);
                FastReplay fast = FastReplay.of(data.models(), prompts, noise, 3);
                for (int sample = 0; sample < 15; sample++) {
                    List<TierChoice> tiers = randomLadder(data.models(), random);

                    LadderResult byPolicy = ReplayEvaluator.evaluate(ReplayLadderFile.ladder(tiers), prompts, noise);
                    FastReplay.Tally byArrays = fast.evaluate(tiers);

                    assertThat(byArrays.correct).as("%s %s e=%s", file.getFileName(), tiers, errorRate)
                            .isEqualTo(byPolicy.correct());
                    assertThat(fast.money(byArrays.cost)).as("%s %s e=%s", file.getFileName(), tiers, errorRate)
                            .isEqualByComparingTo(byPolicy.totalCost());
                }
            }
        }
    }

    @Test
    void sumsCostsBeyondTheRangeOfALongExactly() {
        FastReplay.CostSum sum = new FastReplay.CostSum();
        for (int i = 0; i < 5; i++) {
            sum.add(1, Long.MAX_VALUE);
        }
        BigInteger one = BigInteger.ONE.shiftLeft(64).add(BigInteger.valueOf(Long.MAX_VALUE));
        assertThat(sum.units()).isEqualTo(one.multiply(BigInteger.valueOf(5)));
    }

    private static List<TierChoice> randomLadder(List<String> models, Random random) {
        List<String> shuffled = new ArrayList<>(models);
        Collections.shuffle(shuffled, random);
        int size = 1 + random.nextInt(4);
        List<TierChoice> tiers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            tiers.add(new TierChoice(shuffled.get(i), 1 + random.nextInt(3)));
        }
        return tiers;
    }
}
