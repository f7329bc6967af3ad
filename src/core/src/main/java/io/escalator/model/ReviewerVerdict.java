package io.escalator.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalator.support.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reviewer's confidence (0..1) and assessment, read from its reply. Reviewers are asked for JSON but models
 * do not always comply: "confidence: 85%" in prose, or a reply that is just a number or a percentage, is accepted
 * too. Any other reply has no confidence: a number elsewhere in prose ("found 3 issues") is not one.
 */
public record ReviewerVerdict(Double confidence, String assessment) {

    private static final Pattern JSON_OBJECT = Pattern.compile("\\{.*}", Pattern.DOTALL);
    private static final Pattern CONFIDENCE = Pattern.compile("(?i)confidence\\D{0,20}?(\\d+(?:\\.\\d+)?)\\s*(%?)");
    private static final Pattern NUMBER = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(%?)");
    private static final Pattern BARE_NUMBER = Pattern.compile("\\s*(\\d*\\.?\\d+)\\s*(%?)\\s*");

    public static ReviewerVerdict parse(String reply) {
        Matcher object = JSON_OBJECT.matcher(reply);
        if (object.find()) {
            try {
                JsonNode node = Json.mapper().readTree(object.group());
                if (node.path("confidence").isNumber()) {
                    return new ReviewerVerdict(normalise(node.get("confidence").asDouble(), false),
                            node.path("assessment").asText(reply.strip()));
                }
                if (node.has("confidence")) {
                    // {"confidence": "85%"} reads as 85%; {"confidence": null} or "high" is no confidence, and
                    // must not pick up a number from elsewhere in the reply (such as "2 of 3 checks" in the assessment)
                    Matcher text = NUMBER.matcher(node.get("confidence").asText(""));
                    return new ReviewerVerdict(
                            text.find() ? normalise(Double.parseDouble(text.group(1)), !text.group(2).isEmpty()) : null,
                            node.path("assessment").asText(reply.strip()));
                }
            } catch (Exception notJson) {
                // fall through to the lenient readings below
            }
        }
        Matcher number = CONFIDENCE.matcher(reply);
        if (!number.find()) {
            number = BARE_NUMBER.matcher(reply);
            if (!number.matches()) {
                return new ReviewerVerdict(null, reply.strip());
            }
        }
        return new ReviewerVerdict(normalise(Double.parseDouble(number.group(1)), !number.group(2).isEmpty()), reply.strip());
    }

    private static double normalise(double value, boolean percent) {
        double share = percent || value > 1 ? value / 100 : value;
        return Math.clamp(share, 0, 1);
    }
}
