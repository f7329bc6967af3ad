package io.escalator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LadderOptimizerTest {

    @Test
    void findsTheKnownCheapestLadderThatIsAsAccurateAsThePremiumModel() {
        Map<String, String> scores = new LinkedHashMap<>();
        scores.put("a", "1100");
        scores.put("b", "0110");
        scores.put("c", "1110");
        Map<String, String> costs = Map.of("a", "1", "b", "2", "c", "10");
        // premium c: 3 of 4 for $40. a then b: p0, p1 at a ($1 each), p2 a then b ($3), p3 a then b, wrong ($3):
        // 3 of 4 for $8. Every other ladder that gets 3 right costs more (b then a: $10, a then c: $24).
        LadderSuggestion suggestion = LadderOptimizer.suggest(ReplayFixtures.dataset(scores, costs), GateNoise.EXACT);

        assertThat(suggestion.tiers()).containsExactly(new TierChoice("a", 1), new TierChoice("b", 1));
        assertThat(suggestion.training().ladder().accuracy()).isEqualTo(0.75);
        assertThat(suggestion.training().ladder().costPerPrompt()).isEqualByComparingTo("2");
        assertThat(suggestion.training().premium().model()).isEqualTo("c");
        assertThat(suggestion.training().savingsPercent()).isEqualTo(80.0);
        assertThat(suggestion.laddersEvaluated()).isPositive();
    }

    @Test
    void matchesABruteForceSearchThroughThePolicyOnRandomData() {
        Random random = new Random(11);
        for (int round = 0; round < 5; round++) {
            Map<String, String> scores = new LinkedHashMap<>();
            Map<String, String> costs = new LinkedHashMap<>();
            for (String model : List.of("m0", "m1", "m2", "m3")) {
                StringBuilder row = new StringBuilder();
                double skill = 0.3 + 0.6 * random.nextDouble();
                for (int p = 0; p < 40; p++) {
                    row.append(random.nextDouble() < skill ? '1' : '0');
                }
                scores.put(model, row.toString());
                costs.put(model, BigDecimal.valueOf(1 + random.nextInt(50), 4).toPlainString());
            }
            RecordedDataset data = ReplayFixtures.dataset(scores, costs);
            GateNoise noise = new GateNoise(0.2, round);
            LadderOptimizer.Limits limits = new LadderOptimizer.Limits(3, 2);

            LadderSuggestion suggestion = LadderOptimizer.suggest(data, noise, limits);
            LadderResult best = bruteForce(data, noise, limits, suggestion.training().premium().correct());

            assertThat(suggestion.training().ladder().totalCost()).as("round %d", round)
                    .isEqualByComparingTo(best.totalCost());
            assertThat(suggestion.training().ladder().correct()).as("round %d", round).isEqualTo(best.correct());
        }
    }

    @Test
    void onTheSharedTrainFilesAnExactGateMeetsThePremiumAccuracyForLess() {
        for (Path file : SharedDatasets.trainFiles()) {
            LadderSuggestion suggestion = LadderOptimizer.suggest(RouterBenchCsv.read(file), GateNoise.EXACT);

            ReplayReport training = suggestion.training();
            assertThat(training.meetsPremiumAccuracy()).as(file.toString()).isTrue();
            assertThat(training.savingsPercent()).as(file.toString()).isPositive();
            assertThat(suggestion.tiers()).hasSizeBetween(1, 4);
        }
    }

    /** Every ladder within the limits, each replayed through the policy; the cheapest at the premium's accuracy. */
    private static LadderResult bruteForce(RecordedDataset data, GateNoise noise, LadderOptimizer.Limits limits,
                                           int target) {
        List<List<TierChoice>> ladders = new ArrayList<>();
        extend(new ArrayList<>(), data.models(), limits, ladders);
        return ladders.stream()
                .map(tiers -> ReplayEvaluator.evaluate(ReplayLadderFile.ladder(tiers), data.prompts(), noise))
                .filter(result -> result.correct() >= target)
                .min(Comparator.comparing(LadderResult::totalCost)
                        .thenComparing(LadderResult::correct, Comparator.reverseOrder()))
                .orElseThrow();
    }

    private static void extend(List<TierChoice> prefix, List<String> models, LadderOptimizer.Limits limits,
                               List<List<TierChoice>> out) {
        if (prefix.size() == limits.maxTiers()) {
            return;
        }
        for (String model : models) {
            if (prefix.stream().anyMatch(tier -> tier.model().equals(model))) {
                continue;
            }
            for (int attempts = 1; attempts <= limits.maxAttemptsPerTier(); attempts++) {
                List<TierChoice> ladder = new ArrayList<>(prefix);
                ladder.add(new TierChoice(model, attempts));
                out.add(ladder);
                extend(ladder, models, limits, out);
            }
        }
    }
}
