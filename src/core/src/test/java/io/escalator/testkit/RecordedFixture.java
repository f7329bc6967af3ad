package io.escalator.testkit;

import io.escalator.ladder.Ladder;
import io.escalator.replay.RecordedDataset;
import io.escalator.replay.RouterBenchCsv;

/**
 * A small hand-written RouterBench CSV: three models and eight prompts, each prompt with a different pattern of
 * right and wrong answers, every call with a cost of its own. {@code q8} has no recorded answer from the middle
 * model (its score and cost are empty).
 */
public final class RecordedFixture {

    public static final String SMALL = "acme/small-7b";
    public static final String MID = "acme/mid-34b";
    public static final String BIG = "acme/big-v2";
    public static final String SOURCE = "fixture.csv";
    /** The prompt the middle model never answered. */
    public static final String UNANSWERED_BY_MID = "Name a prime between 20 and 25.";

    public static final String CSV = """
            sample_id,prompt,eval_name,acme/small-7b,acme/small-7b|model_response,acme/small-7b|total_cost,\
            acme/mid-34b,acme/mid-34b|model_response,acme/mid-34b|total_cost,\
            acme/big-v2,acme/big-v2|model_response,acme/big-v2|total_cost
            q1,What is 2 + 2?,fixture,1.0,4,0.000011,1.0,4,0.000210,1.0,4,0.003100
            q2,What is 6 x 7?,fixture,0.0,41,0.000012,1.0,42,0.000220,1.0,42,0.003200
            q3,"Capital of Australia, one word?",fixture,0.0,Sydney,0.000013,0.0,Melbourne,0.000230,1.0,Canberra,0.003300
            q4,"Which is heavier:
            a kilo of iron or a kilo of feathers?",fixture,0.0,iron,0.000014,0.0,iron,0.000240,0.0,feathers,0.003400
            q5,Spell 'cat' backwards.,fixture,1.0,tac,0.000015,0.0,tca,0.000250,1.0,tac,0.003500
            q6,What colour is a clear daytime sky?,fixture,0.0,green,0.000016,1.0,blue,0.000260,0.0,azure-ish grey,0.003600
            q7,How many legs has a spider?,fixture,1.0,8,0.000017,1.0,8,0.000270,0.0,6,0.003700
            q8,Name a prime between 20 and 25.,fixture,0.0,21,0.000018,,,,1.0,23,0.003800
            """;

    private RecordedFixture() {
    }

    public static RecordedDataset dataset() {
        return RouterBenchCsv.read(CSV, SOURCE);
    }

    /** A ladder of replay tiers on these models, each with its attempts ({@code "min/max"}, e.g. {@code "2/3"}). */
    public static Ladder ladder(String... modelsAndAttempts) {
        StringBuilder tiers = new StringBuilder();
        for (int i = 0; i < modelsAndAttempts.length; i += 2) {
            String[] attempts = modelsAndAttempts[i + 1].split("/");
            tiers.append(i == 0 ? "" : ",\n").append("""
                    {"name": "tier%d", "provider": "replay", "model": "%s", "inputPricePerMillion": 0,
                     "outputPricePerMillion": 0, "minAttempts": %s, "maxAttempts": %s}""".formatted(i / 2 + 1,
                    modelsAndAttempts[i], attempts[0], attempts[1]));
        }
        return TestLadders.parse("{\"tiers\": [" + tiers + "]}");
    }
}
