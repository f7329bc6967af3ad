package io.escalator.replay;

import static io.escalator.testkit.RecordedFixture.BIG;
import static io.escalator.testkit.RecordedFixture.MID;
import static io.escalator.testkit.RecordedFixture.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.testkit.RecordedFixture;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedAnswersTest {

    private final RecordedAnswers recorded = RecordedAnswers.of(RecordedFixture.dataset(), 0);

    @Test
    void anItemIsTheRecordedPromptWhoseTextIsItsInput() {
        RecordedPrompt prompt = recorded.prompt("Which is heavier:\na kilo of iron or a kilo of feathers?");

        assertThat(prompt.sampleId()).isEqualTo("q4");
        assertThat(recorded.answer("What is 6 x 7?", SMALL)).isEqualTo(new RecordedAnswer(false, "41", new BigDecimal("0.000012")));
        assertThat(recorded.answer("What is 6 x 7?", BIG)).isEqualTo(new RecordedAnswer(true, "42", new BigDecimal("0.003200")));
    }

    @Test
    void anInputThatIsNoRecordedPromptIsRefusedQuotingIt() {
        assertThatThrownBy(() -> recorded.prompt("What is 6 x 7 ?"))
                .isInstanceOf(ReplayDataException.class)
                .hasMessage("no recorded prompt of fixture.csv is the item's input \"What is 6 x 7 ?\"; a replayed item's"
                        + " input must be the text of a recorded prompt exactly");
    }

    @Test
    void aLongInputIsQuotedOnOneLineAndShortened() {
        assertThatThrownBy(() -> recorded.prompt("line one\n" + "x".repeat(200)))
                .hasMessageContaining("the item's input \"line one " + "x".repeat(71) + "...\";");
    }

    @Test
    void anInputThatIsSeveralRecordedPromptsIsAmbiguous() {
        RecordedAnswers twice = RecordedAnswers.of(RouterBenchCsv.read("""
                sample_id,prompt,m,m|model_response,m|total_cost
                a,Same?,1,yes,0.1
                b,Same?,0,no,0.2
                """, "twice.csv"), 0);

        assertThatThrownBy(() -> twice.prompt("Same?"))
                .isInstanceOf(ReplayDataException.class)
                .hasMessage("2 recorded prompts of twice.csv are the item's input \"Same?\" (sample ids a, b); which one"
                        + " to replay is ambiguous");
    }

    @Test
    void aModelWithoutARecordedAnswerToThePromptIsNamed() {
        assertThatThrownBy(() -> recorded.answer(RecordedFixture.UNANSWERED_BY_MID, MID))
                .isInstanceOf(ReplayDataException.class)
                .hasMessage("model 'acme/mid-34b' has no recorded answer to prompt q8 of fixture.csv (its score or cost is empty)");
        assertThatThrownBy(() -> recorded.answer("What is 6 x 7?", "acme/other"))
                .isInstanceOf(ReplayDataException.class)
                .hasMessage("model 'acme/other' is not in fixture.csv; its models are: acme/small-7b, acme/mid-34b, acme/big-v2");
    }

    @Test
    void aConfiguredFileIsReadWhenFirstNeeded(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("recorded.csv"), RecordedFixture.CSV);
        RecordedAnswers fromFile = new RecordedAnswers(Optional.of(file), 7);

        assertThat(fromFile.configured()).isTrue();
        assertThat(fromFile.seed()).isEqualTo(7);
        assertThat(fromFile.dataset().models()).containsExactly(SMALL, MID, BIG);
        assertThat(fromFile.dataset()).isSameAs(fromFile.dataset());
    }

    @Test
    void aConfiguredFileThatIsMissingSaysSo(@TempDir Path dir) {
        RecordedAnswers missing = new RecordedAnswers(Optional.of(dir.resolve("nothing.csv")), 0);

        assertThatThrownBy(missing::dataset).isInstanceOf(ReplayDataException.class)
                .hasMessage(dir.resolve("nothing.csv") + ": no such file");
    }

    @Test
    void withoutADatasetNothingCanBeReplayedAndTheMessageSaysHowToConfigureOne() {
        RecordedAnswers none = new RecordedAnswers(Optional.empty(), 0);

        assertThat(none.configured()).isFalse();
        assertThatThrownBy(() -> none.prompt("What is 6 x 7?")).isInstanceOf(ReplayDataException.class)
                .hasMessage("no recorded dataset is configured: set escalator.replay.dataset (environment variable"
                        + " ESCALATOR_REPLAY_DATASET) to a RouterBench CSV");
    }
}
