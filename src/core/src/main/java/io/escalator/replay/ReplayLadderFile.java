package io.escalator.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.LadderLoader;
import io.escalator.support.Json;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A suggested ladder as a ladder file in the engine's format, with {@code "provider": "replay"} tiers: the models are
 * the dataset's, priced by what their calls were recorded to cost (so the per-token prices are 0). To run it on live
 * models, point each tier at the endpoint that serves its model ({@code "provider": "openai"}, {@code baseUrl},
 * prices).
 * <p>
 * Attempts are written explicitly as {@code minAttempts = maxAttempts} below the top (a failing attempt leaves the
 * tier once its minimum is made) and {@code maxAttempts} on the top tier, which retries until its maximum.
 */
public final class ReplayLadderFile {

    public static final String PROVIDER = "replay";
    private static final int MAX_NAME_LENGTH = 40;

    private ReplayLadderFile() {
    }

    public static String json(List<TierChoice> tiers) {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode entries = root.putArray("tiers");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tiers.size(); i++) {
            TierChoice tier = tiers.get(i);
            ObjectNode entry = entries.addObject()
                    .put("name", uniqueName(tier.model(), names))
                    .put("provider", PROVIDER)
                    .put("model", tier.model())
                    .put("inputPricePerMillion", 0)
                    .put("outputPricePerMillion", 0);
            if (i < tiers.size() - 1) {
                entry.put("minAttempts", tier.attempts());
            } else {
                entry.put("minAttempts", 1);
            }
            entry.put("maxAttempts", tier.attempts());
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ladder the file describes, read back through the engine's own loader (defaults, validation). */
    public static Ladder ladder(List<TierChoice> tiers) {
        return new LadderLoader(variable -> null).parse(json(tiers), "(suggested ladder)");
    }

    /** A tier name the ladder schema allows (letters, digits, {@code . _ -}; 40 at most), from the model's name. */
    static String uniqueName(String model, Set<String> taken) {
        String base = model.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
        base = base.isEmpty() ? "tier" : base.substring(0, Math.min(base.length(), MAX_NAME_LENGTH));
        String name = base;
        for (int n = 2; !taken.add(name); n++) {
            String suffix = "-" + n;
            name = base.substring(0, Math.min(base.length(), MAX_NAME_LENGTH - suffix.length())) + suffix;
        }
        return name;
    }
}
