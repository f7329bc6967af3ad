package io.escalator.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.escalator.ladder.Ladder;
import io.escalator.support.Json;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;

/**
 * A ladder's replay next to every single model's, and what it saves against the most accurate one ("premium").
 *
 * @param skippedPrompts prompts of the dataset left out because a model lacked a recorded answer
 */
public record ReplayReport(LadderResult ladder, List<SingleModelResult> singleModels, SingleModelResult premium,
                           int skippedPrompts, GateNoise noise) {

    public ReplayReport {
        singleModels = List.copyOf(singleModels);
    }

    /**
     * Replays the ladder over the prompts that have an answer from every model of the dataset (the premium model is
     * chosen among all of them, so every comparison is on the same prompts).
     */
    public static ReplayReport replay(RecordedDataset data, Ladder ladder, GateNoise noise) {
        data.requireModels(ladder.tiers().stream().map(ReplayEvaluator::answeringModel).toList());
        RecordedDataset.PromptSelection selection = data.complete();
        List<SingleModelResult> singles = singleModels(data, selection);
        return new ReplayReport(ReplayEvaluator.evaluate(ladder, selection.prompts(), noise), singles, premium(singles),
                selection.skipped(), noise);
    }

    static List<SingleModelResult> singleModels(RecordedDataset data, RecordedDataset.PromptSelection selection) {
        return data.models().stream().map(model -> SingleModelResult.of(model, selection.prompts())).toList();
    }

    /** The most accurate single model; the cheaper of equally accurate ones. */
    static SingleModelResult premium(List<SingleModelResult> singles) {
        return singles.stream()
                .max(Comparator.comparingInt(SingleModelResult::correct)
                        .thenComparing(SingleModelResult::totalCost, Comparator.reverseOrder()))
                .orElseThrow(() -> new ReplayDataException("the dataset has no models"));
    }

    /** How much cheaper per prompt the ladder is than the premium model, in percent (negative: dearer). */
    public double savingsPercent() {
        if (premium.totalCost().signum() == 0) {
            return 0;
        }
        BigDecimal ratio = ladder.totalCost().divide(premium.totalCost(), MathContext.DECIMAL64);
        return BigDecimal.ONE.subtract(ratio).movePointRight(2).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    public boolean meetsPremiumAccuracy() {
        return ladder.correct() >= premium.correct();
    }

    /**
     * {@code {"ladder":[...],"prompts":n,"accuracy":x,"costPerPrompt":y,"premium":{...},"savingsPercent":z}}, then
     * the details: each tier's reach, every single model, the skipped prompts and the gate's error rate and seed.
     */
    public ObjectNode toJson() {
        ObjectNode json = Json.mapper().createObjectNode();
        ArrayNode models = json.putArray("ladder");
        ladder.models().forEach(models::add);
        json.put("prompts", ladder.prompts());
        json.put("accuracy", ladder.accuracy());
        json.put("costPerPrompt", ladder.costPerPrompt());
        json.set("premium", single(premium));
        json.put("savingsPercent", savingsPercent());
        json.put("meetsPremiumAccuracy", meetsPremiumAccuracy());
        json.put("needsHuman", ladder.needsHuman());
        ArrayNode tiers = json.putArray("tiers");
        for (int i = 0; i < ladder.models().size(); i++) {
            tiers.addObject().put("model", ladder.models().get(i)).put("reachedShare", ladder.reachedShare(i));
        }
        ArrayNode singles = json.putArray("singleModels");
        singleModels.forEach(single -> singles.add(single(single)));
        json.put("skippedPrompts", skippedPrompts);
        json.put("gateError", noise.errorRate());
        json.put("seed", noise.seed());
        return json;
    }

    private static ObjectNode single(SingleModelResult result) {
        return Json.mapper().createObjectNode()
                .put("model", result.model())
                .put("accuracy", result.accuracy())
                .put("costPerPrompt", result.costPerPrompt());
    }
}
