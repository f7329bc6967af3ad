package io.escalator.replay;

import java.math.BigDecimal;
import java.util.List;

/**
 * A single model answering every prompt once, its answer taken as it is: no gate, no retry. The baseline a ladder is
 * measured against ("everything on the top tier").
 */
public record SingleModelResult(String model, int prompts, int correct, BigDecimal totalCost) {

    public static SingleModelResult of(String model, List<RecordedPrompt> prompts) {
        int correct = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (RecordedPrompt prompt : prompts) {
            RecordedAnswer answer = prompt.answerOf(model);
            correct += answer.correct() ? 1 : 0;
            cost = cost.add(answer.cost());
        }
        return new SingleModelResult(model, prompts.size(), correct, cost);
    }

    public double accuracy() {
        return LadderResult.share(correct, prompts);
    }

    public BigDecimal costPerPrompt() {
        return LadderResult.perPrompt(totalCost, prompts);
    }
}
