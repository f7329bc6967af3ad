package io.escalator.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.escalator.ladder.EscalationThresholds;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.RunningLadderText;
import io.escalator.ladder.Tier;
import io.escalator.support.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A suggested ladder as a file to deploy: the current ladder file's entries of the kept tiers, in the chosen order, as
 * they are written there (endpoint, model, prices, agents, key references, ...). Each entry also states the attempts,
 * mode and thresholds its tier runs with now: left out, they would default by the tier's place on the ladder, which
 * the suggestion may change. A key written into the file itself is left out, with a note: the answer carries no
 * secret.
 *
 * @param notes what a person must do before deploying the file
 */
public record SuggestedLadderFile(ObjectNode json, List<String> notes) {

    static final String SOURCE = "(suggested ladder)";

    public SuggestedLadderFile {
        notes = List.copyOf(notes);
    }

    /**
     * @param currentFile the text of the ladder file {@code current} was read from
     * @param tierNames   the current ladder's tiers to keep, in their new order
     */
    public static SuggestedLadderFile of(String currentFile, Ladder current, List<String> tierNames) {
        ObjectNode root = (ObjectNode) read(currentFile).deepCopy();
        List<ObjectNode> entries = new ArrayList<>();
        root.path("tiers").forEach(entry -> entries.add((ObjectNode) entry));
        ArrayNode kept = Json.mapper().createArrayNode();
        List<String> notes = new ArrayList<>();
        for (String name : tierNames) {
            Tier tier = current.tier(current.indexOf(name)
                    .orElseThrow(() -> new IllegalArgumentException("no tier '" + name + "' on the current ladder")));
            ObjectNode entry = entries.stream().filter(candidate -> name.equals(candidate.path("name").asText()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("the ladder file has no tier '" + name + "'"));
            entry.put("minAttempts", tier.minAttempts());
            entry.put("maxAttempts", tier.maxAttempts());
            entry.put("mode", tier.mode().name().toLowerCase(Locale.ROOT));
            entry.set("thresholds", thresholds(tier.thresholds()));
            if (entry.remove("apiKey") != null) {
                notes.add("tier '" + name + "': its API key is written in the ladder file itself and is left out here;"
                        + " give it apiKeyEnv or apiKeySecret (or the key) before deploying");
            }
            kept.add(entry);
        }
        root.set("tiers", kept);
        requireSameTiers(root, current, tierNames);
        return new SuggestedLadderFile(root, notes);
    }

    /** The file as it is written to disk. */
    public String text() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode thresholds(EscalationThresholds thresholds) {
        ObjectNode json = Json.mapper().createObjectNode()
                .put("successCqs", number(thresholds.successCqs()))
                .put("minCqs", number(thresholds.minCqs()))
                .put("maxFailureRate", number(thresholds.maxFailureRate()))
                .put("maxSyntaxErrors", thresholds.maxSyntaxErrors());
        if (thresholds.immediateEscalationCqs() != null) {
            json.put("immediateEscalationCqs", number(thresholds.immediateEscalationCqs()));
        }
        return json.put("stagnationImprovement", number(thresholds.stagnationImprovement()))
                .put("stagnationLimit", thresholds.stagnationLimit());
    }

    /** As a person writes it: {@code 80}, {@code 0.3}. */
    private static BigDecimal number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros();
    }

    /**
     * Reads the file back through the engine's ladder loader (schema and meaning) and checks that every tier runs
     * exactly as it does on the current ladder, wherever it now stands.
     */
    private static void requireSameTiers(ObjectNode file, Ladder current, List<String> tierNames) {
        Ladder suggested = RunningLadderText.withoutKeys().parse(Json.write(file), SOURCE);
        for (int i = 0; i < tierNames.size(); i++) {
            JsonNode now = Json.mapper().valueToTree(current.tier(current.indexOf(tierNames.get(i)).orElseThrow()));
            JsonNode then = Json.mapper().valueToTree(suggested.tier(i));
            if (!then.equals(now)) {
                throw new IllegalStateException("tier '" + tierNames.get(i) + "' would run differently in the suggested"
                        + " ladder file: " + then + " instead of " + now);
            }
        }
    }

    private static JsonNode read(String file) {
        try {
            JsonNode root = Json.readDocument(file);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("the ladder file is not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the ladder file is not JSON: " + Json.describe(e), e);
        }
    }
}
