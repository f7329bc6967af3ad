package io.escalator.replay;

import static io.escalator.testkit.RecordedFixture.BIG;
import static io.escalator.testkit.RecordedFixture.MID;
import static io.escalator.testkit.RecordedFixture.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.quality.AnswerOrigin;
import io.escalator.quality.DatasetLabelGate;
import io.escalator.quality.GateResult;
import io.escalator.testkit.RecordedFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recorded-label gate of the running engine, judging by the configured dataset. */
class DatasetLabelGateTest {

    private static final long SEED = 11;
    private static final RecordedDataset DATASET = RecordedFixture.dataset();
    private static final RecordedAnswers RECORDED = RecordedAnswers.of(DATASET, SEED);

    private static GateResult check(double errorRate, String input, String model, int attempt) {
        return new DatasetLabelGate(errorRate, RECORDED).check("whatever the text", new AnswerOrigin(input, model, attempt));
    }

    @Test
    void anExactGatePassesWhatWasRecordedCorrectAndFailsTheRest() {
        assertThat(check(0, "What is 6 x 7?", BIG, 1))
                .isEqualTo(GateResult.pass("recorded-label", "recorded score 1"));
        assertThat(check(0, "What is 6 x 7?", SMALL, 1))
                .isEqualTo(GateResult.fail("recorded-label", "recorded score 0"));
    }

    @Test
    void anImperfectGateFlipsExactlyTheVerdictsTheReplaysGateNoiseFlips() {
        double errorRate = 0.3;
        GateNoise noise = new GateNoise(errorRate, SEED);
        int flipped = 0;
        for (RecordedPrompt prompt : DATASET.complete(List.of(SMALL, MID, BIG)).prompts()) {
            for (String model : List.of(SMALL, MID, BIG)) {
                for (int attempt = 1; attempt <= 5; attempt++) {
                    boolean flips = noise.flips(prompt.sampleId(), model, attempt);
                    GateResult result = check(errorRate, prompt.prompt(), model, attempt);
                    assertThat(result.passed()).isEqualTo(prompt.answer(model).orElseThrow().correct() != flips);
                    assertThat(result.message()).endsWith(flips ? ", verdict flipped (gate error)" : "");
                    flipped += flips ? 1 : 0;
                }
            }
        }
        assertThat(flipped).as("some verdicts flip, not all").isBetween(1, 7 * 3 * 5 - 1);
    }

    @Test
    void aModelTheDatasetDoesNotHaveFailsTheGateSayingSo() {
        assertThat(check(0, "What is 6 x 7?", "gpt-4.1", 1)).isEqualTo(GateResult.fail("recorded-label",
                "no recorded verdict: model 'gpt-4.1' is not in fixture.csv; its models are: acme/small-7b, acme/mid-34b,"
                        + " acme/big-v2"));
    }

    @Test
    void aModelWithoutAnAnswerToTheItemOrAnItemThatIsNoRecordedPromptFailsTheGateSayingSo() {
        assertThat(check(0, RecordedFixture.UNANSWERED_BY_MID, MID, 1).message())
                .isEqualTo("no recorded verdict: model 'acme/mid-34b' has no recorded answer to prompt q8 of fixture.csv"
                        + " (its score or cost is empty)");
        assertThat(check(0, "What is 7 x 6?", BIG, 1).message())
                .startsWith("no recorded verdict: no recorded prompt of fixture.csv is the item's input \"What is 7 x 6?\"");
    }

    @Test
    void withoutKnowingWhichModelAnsweredTheGateFails() {
        assertThat(new DatasetLabelGate(0, RECORDED).check("42"))
                .isEqualTo(GateResult.fail("recorded-label", "not checked: which model gave the answer is not known"));
    }
}
