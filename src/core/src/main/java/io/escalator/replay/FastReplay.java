package io.escalator.replay;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The recorded answers as arrays, for replaying many ladders quickly: per model and prompt the recorded correctness,
 * the cost as an integer count of the dataset's smallest cost unit, and for each attempt whether the gate passes.
 * <p>
 * The decision semantics are the policy's for a recorded-label gate: a passing verdict (CQS 100) succeeds; a failing
 * one (CQS 0, every check failed) is retried until the tier's attempts are made, then leaves the tier (escalates, or on
 * the top tier goes to a person). {@code FastReplayTest} checks on the real datasets that this gives exactly what
 * {@link ReplayEvaluator} gets by calling the policy, and {@link LadderOptimizer} re-checks every ladder it suggests.
 */
final class FastReplay {

    final List<String> models;
    final int prompts;
    /** The scale of the cost units: a cost of {@code units} is {@code units x 10^-scale} USD. */
    final int scale;
    final boolean[][] correct;
    /** The cost in units, as the high and low 64 bits of a 128-bit integer: 21 decimals overflow a long. */
    final long[][] costHigh;
    final long[][] costLow;
    /** [model][attempt - 1][prompt]: the gate passes that attempt. */
    final boolean[][][] passes;


    private FastReplay(List<String> models, int prompts, int scale, boolean[][] correct, long[][] costHigh,
                       long[][] costLow, boolean[][][] passes) {
        this.models = models;
        this.prompts = prompts;
        this.scale = scale;
        this.correct = correct;
        this.costHigh = costHigh;
        this.costLow = costLow;
        this.passes = passes;
    }

    /** @param prompts each with an answer from every one of the models */
    static FastReplay of(List<String> models, List<RecordedPrompt> prompts, GateNoise noise, int maxAttempts) {
        int scale = 0;
        for (RecordedPrompt prompt : prompts) {
            for (String model : models) {
                scale = Math.max(scale, prompt.answerOf(model).cost().scale());
            }
        }
        boolean[][] correct = new boolean[models.size()][prompts.size()];
        long[][] costHigh = new long[models.size()][prompts.size()];
        long[][] costLow = new long[models.size()][prompts.size()];
        boolean[][][] passes = new boolean[models.size()][maxAttempts][prompts.size()];
        for (int m = 0; m < models.size(); m++) {
            String model = models.get(m);
            for (int p = 0; p < prompts.size(); p++) {
                RecordedPrompt prompt = prompts.get(p);
                RecordedAnswer answer = prompt.answerOf(model);
                correct[m][p] = answer.correct();
                BigInteger units = answer.cost().setScale(scale).unscaledValue();
                if (units.bitLength() > 126) {
                    throw new ReplayDataException("the cost " + answer.cost().toPlainString() + " of " + model
                            + " on prompt " + prompt.sampleId() + " is too large to replay");
                }
                costHigh[m][p] = units.shiftRight(64).longValue();
                costLow[m][p] = units.longValue();
                for (int a = 0; a < maxAttempts; a++) {
                    passes[m][a][p] = answer.correct() != noise.flips(prompt.sampleId(), model, a + 1);
                }
            }
        }
        return new FastReplay(List.copyOf(models), prompts.size(), scale, correct, costHigh, costLow, passes);
    }

    /**
     * One tier: each open prompt tries the model up to {@code attempts} times, until the gate passes. Adds the cost of
     * every attempt and the accepted answers that are correct to {@code tally}; writes the prompts still open after
     * the tier to {@code stillOpen} and returns how many there are.
     */
    int tier(int model, int attempts, int[] open, int openCount, int[] stillOpen, Tally tally) {
        boolean[] isCorrect = correct[model];
        long[] high = costHigh[model];
        long[] low = costLow[model];
        boolean[][] passesAt = passes[model];
        int left = 0;
        for (int i = 0; i < openCount; i++) {
            int p = open[i];
            boolean passed = false;
            for (int a = 0; a < attempts && !passed; a++) {
                tally.cost.add(high[p], low[p]);
                passed = passesAt[a][p];
            }
            if (!passed) {
                stillOpen[left++] = p;
            } else if (isCorrect[p]) {
                tally.correct++;
            }
        }
        return left;
    }

    /** One whole ladder, tier by tier. */
    Tally evaluate(List<TierChoice> tiers) {
        int[] open = IntStream.range(0, prompts).toArray();
        int openCount = open.length;
        Tally tally = new Tally();
        for (TierChoice tier : tiers) {
            int[] stillOpen = new int[openCount];
            openCount = tier(models.indexOf(tier.model()), tier.attempts(), open, openCount, stillOpen, tally);
            open = stillOpen;
        }
        return tally;
    }

    /** Correct accepted answers and the cost, so far. */
    static final class Tally {
        final CostSum cost;
        int correct;

        Tally() {
            this.cost = new CostSum();
        }

        Tally(Tally other) {
            this.cost = new CostSum(other.cost);
            this.correct = other.correct;
        }
    }

    BigDecimal money(CostSum sum) {
        return new BigDecimal(sum.units(), scale);
    }

    /** An exact 128-bit sum of non-negative cost units: at 21 decimals a long holds less than $0.01. */
    static final class CostSum implements Comparable<CostSum> {
        private long high;
        private long low;

        CostSum() {
        }

        CostSum(CostSum other) {
            this.high = other.high;
            this.low = other.low;
        }

        void add(long unitsHigh, long unitsLow) {
            long sum = low + unitsLow;
            high += unitsHigh + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
            low = sum;
        }

        BigInteger units() {
            return BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
        }

        @Override
        public int compareTo(CostSum other) {
            return high != other.high ? Long.compare(high, other.high) : Long.compareUnsigned(low, other.low);
        }
    }
}
