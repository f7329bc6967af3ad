package io.escalator.testkit;

import io.escalator.ladder.Ladder;
import io.escalator.ladder.LadderLoader;
import java.util.Map;

/**
 * Ladders for tests. The three-tier ladder has non-zero prices so cost arithmetic can be checked: {@code cheap} and
 * {@code capable} run in simple mode, {@code premium} (the top) in full mode with its own analyzer and reviewer models,
 * so a script can tell the three agents apart.
 */
public final class TestLadders {

    public static final String CHEAP = "cheap-model";
    public static final String CAPABLE = "capable-model";
    public static final String PREMIUM = "premium-model";
    public static final String PREMIUM_ANALYZER = "premium-analyzer";
    public static final String PREMIUM_REVIEWER = "premium-reviewer";

    /** USD per million tokens, input / output. */
    public static final String CHEAP_IN = "0.15";
    public static final String CHEAP_OUT = "0.60";
    public static final String CAPABLE_IN = "3";
    public static final String CAPABLE_OUT = "15";
    public static final String PREMIUM_IN = "15";
    public static final String PREMIUM_OUT = "75";

    private TestLadders() {
    }

    public static Ladder priced() {
        return parse(pricedJson(CHEAP_IN, CHEAP_OUT));
    }

    /** The priced ladder with every tier at {@code baseUrl} (a loopback model server). */
    public static Ladder pricedAt(java.net.URI baseUrl) {
        return parse(pricedJson(CHEAP_IN, CHEAP_OUT).replace("http://models.test/v1", baseUrl.toString()));
    }

    /** The same ladder, but its cheap tier is free (a local model). */
    public static Ladder freeCheapTier() {
        return parse(pricedJson("0", "0"));
    }

    /** Three tiers, all free, the top one included. */
    public static Ladder allFree() {
        return parse(json("0", "0", "0", "0", "0", "0"));
    }

    public static String pricedJson(String cheapIn, String cheapOut) {
        return json(cheapIn, cheapOut, CAPABLE_IN, CAPABLE_OUT, PREMIUM_IN, PREMIUM_OUT);
    }

    public static String json(String cheapIn, String cheapOut, String capableIn, String capableOut, String premiumIn,
                              String premiumOut) {
        return """
                {"tiers": [
                  {"name": "cheap", "provider": "openai", "baseUrl": "http://models.test/v1", "model": "%s",
                   "inputPricePerMillion": %s, "outputPricePerMillion": %s, "mode": "simple"},
                  {"name": "capable", "provider": "openai", "baseUrl": "http://models.test/v1", "model": "%s",
                   "inputPricePerMillion": %s, "outputPricePerMillion": %s, "mode": "simple"},
                  {"name": "premium", "provider": "openai", "baseUrl": "http://models.test/v1", "model": "%s",
                   "inputPricePerMillion": %s, "outputPricePerMillion": %s, "mode": "full",
                   "agents": {"analyzer": {"model": "%s"}, "reviewer": {"model": "%s"}}}
                ]}
                """.formatted(CHEAP, cheapIn, cheapOut, CAPABLE, capableIn, capableOut, PREMIUM, premiumIn, premiumOut,
                PREMIUM_ANALYZER, PREMIUM_REVIEWER);
    }

    public static Ladder parse(String json) {
        return new LadderLoader(Map.<String, String>of()::get).parse(json, "test");
    }
}
