package io.escalator.replay;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made recorded datasets: every model answers every prompt. */
final class ReplayFixtures {

    private ReplayFixtures() {
    }

    /**
     * @param scores per model, one 0/1 score per prompt
     * @param costs  per model, what each of its calls costs
     */
    static RecordedDataset dataset(Map<String, String> scores, Map<String, String> costs) {
        List<String> models = List.copyOf(scores.keySet());
        int promptCount = scores.values().iterator().next().length();
        List<RecordedPrompt> prompts = new ArrayList<>();
        for (int p = 0; p < promptCount; p++) {
            Map<String, RecordedAnswer> answers = new LinkedHashMap<>();
            for (String model : models) {
                boolean correct = scores.get(model).charAt(p) == '1';
                answers.put(model, new RecordedAnswer(correct, model + " answers prompt " + p,
                        new BigDecimal(costs.get(model))));
            }
            prompts.add(new RecordedPrompt("p" + p, "prompt " + p, answers));
        }
        return new RecordedDataset("hand-made", models, prompts);
    }
}
