package io.escalator.replay;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A benchmark, not a test: learns a ladder on each {@code *_train.csv} of the shared RouterBench folder with the gate
 * exact and with 10% gate error, and reports, on the same file, its accuracy against the premium model's, its cost
 * per prompt as a share of the premium's, and the optimizer's time; then times the policy-driven replay of 1,000
 * prompts. Finds the shared folder as the tests do ({@code ESCALATOR_SHARED_DIR} or {@code ../shared}).
 *
 * <pre>
 * ./mvnw -B -q -pl src/core -am -Pbench -DskipTests process-test-classes \
 *     -Dexec.mainClass=io.escalator.replay.ReplayBenchmark
 * </pre>
 */
public final class ReplayBenchmark {

    private static final long SEED = 1;
    private static final int REPLAYED_PROMPTS = 1_000;
    private static final int WARM_UPS = 3;

    private ReplayBenchmark() {
    }

    public static void main(String[] args) {
        List<RecordedDataset> datasets = SharedDatasets.trainFiles().stream().map(RouterBenchCsv::read).toList();
        System.out.printf(Locale.ROOT, "%-22s %5s %-68s %9s %9s %8s %9s %8s%n", "file", "gate", "ladder (model x attempts)",
                "accuracy", "premium", "cost %", "ladders", "time");
        for (RecordedDataset data : datasets) {
            for (double errorRate : new double[] {0, 0.1}) {
                GateNoise noise = new GateNoise(errorRate, SEED);
                for (int i = 0; i < WARM_UPS; i++) {
                    LadderOptimizer.suggest(data, noise);
                }
                LadderSuggestion suggestion = LadderOptimizer.suggest(data, noise);
                ReplayReport report = suggestion.training();
                BigDecimal share = report.ladder().costPerPrompt()
                        .divide(report.premium().costPerPrompt(), MathContext.DECIMAL64).movePointRight(2);
                System.out.printf(Locale.ROOT, "%-22s %5.2f %-68s %9.4f %9.4f %7.2f%% %9d %6d ms%s%n",
                        Path.of(data.source()).getFileName(), errorRate, describe(suggestion.tiers()),
                        report.ladder().accuracy(), report.premium().accuracy(), share.doubleValue(),
                        suggestion.laddersEvaluated(), suggestion.took().toMillis(),
                        report.meetsPremiumAccuracy() ? "" : "  (below the premium's accuracy)");
            }
        }
        replayThousandPrompts(datasets);
    }

    /** 1,000 prompts (the first ones of the files, in order) up the learned 10%-error ladder of the first file. */
    private static void replayThousandPrompts(List<RecordedDataset> datasets) {
        RecordedDataset first = datasets.getFirst();
        GateNoise noise = new GateNoise(0.1, SEED);
        LadderSuggestion suggestion = LadderOptimizer.suggest(first, noise);
        List<RecordedPrompt> prompts = new ArrayList<>();
        for (RecordedDataset data : datasets) {
            prompts.addAll(data.complete().prompts());
        }
        prompts = prompts.subList(0, REPLAYED_PROMPTS);
        for (int i = 0; i < WARM_UPS; i++) {
            ReplayEvaluator.evaluate(suggestion.ladder(), prompts, noise);
        }
        long started = System.nanoTime();
        LadderResult result = ReplayEvaluator.evaluate(suggestion.ladder(), prompts, noise);
        long micros = (System.nanoTime() - started) / 1_000;
        System.out.printf(Locale.ROOT, "%nreplay of %d prompts through the policy (ladder %s, gate error 0.1): %.1f ms,"
                        + " accuracy %.4f, $%s per prompt%n", prompts.size(), describe(suggestion.tiers()), micros / 1000.0,
                result.accuracy(), result.costPerPrompt().round(new MathContext(3)).toPlainString());
    }

    private static String describe(List<TierChoice> tiers) {
        return tiers.stream().map(tier -> shortName(tier.model()) + " x" + tier.attempts())
                .collect(Collectors.joining(" > "));
    }

    private static String shortName(String model) {
        return model.substring(model.lastIndexOf('/') + 1);
    }
}
