package io.escalator.replay;

import io.escalator.ladder.Ladder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Finds the cheapest ladder whose replayed accuracy is at least the premium model's (the most accurate single model,
 * its answers taken as they are), under a gate that errs at the given rate. The search is exhaustive: every ordered
 * choice of 1 to {@code maxTiers} distinct models, each with 1 to {@code maxAttemptsPerTier} attempts. Ladders that
 * share a prefix share its work (only the prompts still open after the prefix go on to the next tier), and a prefix
 * that already costs more than the best ladder found is not extended: costs only grow with more tiers. When no ladder
 * reaches the premium's accuracy, the most accurate one (the cheapest of those) is suggested, and its report says so.
 */
public final class LadderOptimizer {

    private LadderOptimizer() {
    }

    /**
     * @param maxAttemptsPerTier with an exact gate a retry is pointless (same answer, same verdict); with an erring
     *                           gate it can rescue a correct answer the gate wrongly failed
     */
    public record Limits(int maxTiers, int maxAttemptsPerTier) {

        public static final Limits DEFAULT = new Limits(4, 3);

        public Limits {
            if (maxTiers < 1 || maxTiers > 31 || maxAttemptsPerTier < 1) {
                throw new IllegalArgumentException("limits out of range: " + maxTiers + " tiers, "
                        + maxAttemptsPerTier + " attempts per tier");
            }
        }
    }

    public static LadderSuggestion suggest(RecordedDataset data, GateNoise noise) {
        return suggest(data, noise, Limits.DEFAULT);
    }

    public static LadderSuggestion suggest(RecordedDataset data, GateNoise noise, Limits limits) {
        long started = System.nanoTime();
        if (data.models().size() > Long.SIZE - 1) {
            // the search keeps the models a prefix uses as bits of a long
            throw new ReplayDataException(data.source() + ": " + data.models().size() + " models; the optimizer takes at most "
                    + (Long.SIZE - 1));
        }
        RecordedDataset.PromptSelection selection = data.complete();
        if (selection.prompts().isEmpty()) {
            throw new ReplayDataException(data.source() + ": no prompt has a recorded answer from every model");
        }
        List<SingleModelResult> singles = ReplayReport.singleModels(data, selection);
        SingleModelResult premium = ReplayReport.premium(singles);
        FastReplay fast = FastReplay.of(data.models(), selection.prompts(), noise, limits.maxAttemptsPerTier());
        Search search = new Search(fast, premium.correct(), limits);
        search.run();
        Candidate best = search.bestFeasible != null ? search.bestFeasible : search.mostAccurate;

        List<TierChoice> tiers = best.tiers(fast.models);
        Ladder ladder = ReplayLadderFile.ladder(tiers);
        LadderResult checked = ReplayEvaluator.evaluate(ladder, selection.prompts(), noise);
        if (checked.correct() != best.correct || checked.totalCost().compareTo(fast.money(best.cost)) != 0) {
            throw new IllegalStateException("the fast replay and the policy disagree on " + tiers + ": "
                    + best.correct + " correct for $" + fast.money(best.cost) + " against " + checked.correct()
                    + " for $" + checked.totalCost());
        }
        ReplayReport training = new ReplayReport(checked, singles, premium, selection.skipped(), noise);
        return new LadderSuggestion(tiers, ladder, training, search.evaluated, Duration.ofNanos(System.nanoTime() - started));
    }

    /** A ladder found by the search: its models (indexes into the fast replay's) and attempts per tier. */
    record Candidate(int[] models, int[] attempts, int correct, FastReplay.CostSum cost) {

        List<TierChoice> tiers(List<String> names) {
            return IntStream.range(0, models.length).mapToObj(i -> new TierChoice(names.get(models[i]), attempts[i]))
                    .toList();
        }
    }

    /** The depth-first search over ladder prefixes. */
    static final class Search {
        private final FastReplay data;
        private final int target;
        private final Limits limits;
        private final int[][] openAfterTier;
        private final int[] modelPath;
        private final int[] attemptPath;
        Candidate bestFeasible;
        Candidate mostAccurate;
        long evaluated;

        Search(FastReplay data, int target, Limits limits) {
            this.data = data;
            this.target = target;
            this.limits = limits;
            int depth = Math.min(limits.maxTiers(), data.models.size());
            this.openAfterTier = new int[depth][data.prompts];
            this.modelPath = new int[depth];
            this.attemptPath = new int[depth];
        }

        void run() {
            int[] all = IntStream.range(0, data.prompts).toArray();
            descend(0, all, all.length, new FastReplay.Tally(), 0L);
        }

        /** Tries every model and attempt count as tier {@code depth} for the prompts still open after the prefix. */
        private void descend(int depth, int[] open, int openCount, FastReplay.Tally prefix, long usedModels) {
            int[] stillOpen = openAfterTier[depth];
            for (int m = 0; m < data.models.size(); m++) {
                if ((usedModels & (1L << m)) != 0) {
                    continue;
                }
                for (int attempts = 1; attempts <= limits.maxAttemptsPerTier(); attempts++) {
                    FastReplay.Tally tally = new FastReplay.Tally(prefix);
                    int left = data.tier(m, attempts, open, openCount, stillOpen, tally);
                    modelPath[depth] = m;
                    attemptPath[depth] = attempts;
                    consider(depth + 1, tally.correct, tally.cost);
                    boolean worthExtending = bestFeasible == null || tally.cost.compareTo(bestFeasible.cost()) < 0;
                    if (depth + 1 < openAfterTier.length && left > 0 && worthExtending) {
                        descend(depth + 1, stillOpen, left, tally, usedModels | (1L << m));
                    }
                }
            }
        }

        private void consider(int tiers, int correct, FastReplay.CostSum cost) {
            evaluated++;
            if (correct >= target && (bestFeasible == null || isBetter(cost, correct, tiers, bestFeasible))) {
                bestFeasible = snapshot(tiers, correct, cost);
            }
            if (mostAccurate == null || correct > mostAccurate.correct()
                    || correct == mostAccurate.correct() && isBetter(cost, correct, tiers, mostAccurate)) {
                mostAccurate = snapshot(tiers, correct, cost);
            }
        }

        /** Cheaper; at the same cost more accurate; then fewer tiers. */
        private static boolean isBetter(FastReplay.CostSum cost, int correct, int tiers, Candidate than) {
            int byCost = cost.compareTo(than.cost());
            if (byCost != 0) {
                return byCost < 0;
            }
            return correct != than.correct() ? correct > than.correct() : tiers < than.models().length;
        }

        private Candidate snapshot(int tiers, int correct, FastReplay.CostSum cost) {
            int[] models = new int[tiers];
            int[] attempts = new int[tiers];
            System.arraycopy(modelPath, 0, models, 0, tiers);
            System.arraycopy(attemptPath, 0, attempts, 0, tiers);
            return new Candidate(models, attempts, correct, new FastReplay.CostSum(cost));
        }
    }
}
