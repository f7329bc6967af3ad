package io.escalator.replay;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * A ladder replayed over prompts.
 *
 * @param models     the tiers' models, cheapest tier first
 * @param correct    prompts whose accepted answer is actually correct (a wrong answer the gate passed is not)
 * @param needsHuman prompts the top tier did not resolve
 * @param reached    per tier, the prompts that made at least one attempt there
 */
public record LadderResult(List<String> models, int prompts, int correct, int needsHuman, BigDecimal totalCost,
                           List<Integer> reached) {

    public LadderResult {
        models = List.copyOf(models);
        reached = List.copyOf(reached);
    }

    public double accuracy() {
        return share(correct, prompts);
    }

    public BigDecimal costPerPrompt() {
        return perPrompt(totalCost, prompts);
    }

    public double reachedShare(int tierIndex) {
        return share(reached.get(tierIndex), prompts);
    }

    static double share(int count, int of) {
        return of == 0 ? 0 : (double) count / of;
    }

    static BigDecimal perPrompt(BigDecimal total, int prompts) {
        return prompts == 0 ? BigDecimal.ZERO : total.divide(BigDecimal.valueOf(prompts), MathContext.DECIMAL64);
    }
}
