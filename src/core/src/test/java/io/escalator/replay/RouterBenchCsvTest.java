package io.escalator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterBenchCsvTest {

    private static final String HEADER = ",sample_id,prompt,eval_name,small,big,small|model_response,big|model_response,"
            + "small|total_cost,big|total_cost,oracle_model_to_route_to\n";

    @Test
    void readsQuotedNewlinesAndQuotesAndKeepsCostsExact() {
        RecordedDataset data = RouterBenchCsv.read(HEADER
                + "0,q1,\"Line one\nline \"\"two\"\"\",e,1.0,0.0,\"A\nwith, comma\",\"B \"\"quoted\"\"\","
                + "0.00031919999999999995,1.2e-05,small\n", "inline");

        assertThat(data.models()).containsExactly("small", "big");
        RecordedPrompt prompt = data.prompts().getFirst();
        assertThat(prompt.sampleId()).isEqualTo("q1");
        assertThat(prompt.prompt()).isEqualTo("Line one\nline \"two\"");
        assertThat(prompt.answer("small")).contains(
                new RecordedAnswer(true, "A\nwith, comma", new BigDecimal("0.00031919999999999995")));
        RecordedAnswer big = prompt.answer("big").orElseThrow();
        assertThat(big.correct()).isFalse();
        assertThat(big.response()).isEqualTo("B \"quoted\"");
        assertThat(big.cost()).isEqualByComparingTo("0.000012");
    }

    @Test
    void aModelWithoutScoreOrCostHasNoAnswerAndItsPromptIsSkippedWhereItIsNeeded() {
        RecordedDataset data = RouterBenchCsv.read(HEADER
                + "0,q1,p,e,1.0,,a,,0.1,,small\n"
                + "1,q2,p,e,0.0,1.0,a,b,0.1,0.2,big\n"
                + "2,q3,p,e,1.0,1.0,a,b,0.1,,small\n", "inline");

        assertThat(data.prompts()).hasSize(3);
        assertThat(data.prompts().getFirst().answer("big")).isEmpty();
        assertThat(data.complete(List.of("small"))).satisfies(selection -> {
            assertThat(selection.prompts()).hasSize(3);
            assertThat(selection.skipped()).isZero();
        });
        assertThat(data.complete()).satisfies(selection -> {
            assertThat(selection.prompts()).extracting(RecordedPrompt::sampleId).containsExactly("q2");
            assertThat(selection.skipped()).isEqualTo(2);
        });
    }

    @Test
    void badInputIsOneClearMessage() {
        assertThatThrownBy(() -> RouterBenchCsv.read(HEADER + "0,q1,p,e,0.5,1.0,a,b,0.1,0.2,x\n", "f.csv"))
                .isInstanceOf(ReplayDataException.class)
                .hasMessage("f.csv: data row 1 column 'small': score 0.5 is neither 0 nor 1");
        assertThatThrownBy(() -> RouterBenchCsv.read(HEADER + "0,q1,p,e,1.0,1.0,a,b,cheap,0.2,x\n", "f.csv"))
                .hasMessage("f.csv: data row 1 column 'small|total_cost': 'cheap' is not a number");
        assertThatThrownBy(() -> RouterBenchCsv.read(HEADER + "0,q1,p\n", "f.csv"))
                .hasMessage("f.csv: data row 1 has 3 fields, the header has 11");
        assertThatThrownBy(() -> RouterBenchCsv.read("id,text\n1,x\n", "f.csv"))
                .hasMessage("f.csv: not a RouterBench CSV: the header has no 'sample_id' column");
        assertThatThrownBy(() -> RouterBenchCsv.read(Path.of("no/such/file.csv")))
                .hasMessage("no/such/file.csv: no such file");
        assertThatThrownBy(() -> RouterBenchCsv.read(HEADER, "f.csv").complete(List.of("gpt-5")))
                .hasMessage("model 'gpt-5' is not in f.csv; its models are: small, big");
    }

    @Test
    void readsTheSharedTrainFilesWithTheirElevenModels() {
        for (Path file : SharedDatasets.trainFiles()) {
            RecordedDataset data = RouterBenchCsv.read(file);
            assertThat(data.models()).as(file.toString()).hasSize(11).contains("gpt-4-1106-preview",
                    "mistralai/mistral-7b-chat");
            assertThat(data.prompts()).as(file.toString()).hasSizeGreaterThan(250);
        }
        RecordedDataset arc = RouterBenchCsv.read(SharedDatasets.trainFile("arc_challenge"));
        assertThat(arc.prompts()).hasSize(1039);
        // 8 rows lack every model but gpt-3.5-turbo-1106, 12 others lack gpt-3.5-turbo-1106 alone
        assertThat(arc.complete().skipped()).isEqualTo(20);
        assertThat(arc.complete(List.of("mistralai/mistral-7b-chat")).skipped()).isEqualTo(8);
        SingleModelResult gpt4 = SingleModelResult.of("gpt-4-1106-preview", arc.complete().prompts());
        assertThat(gpt4.accuracy()).isBetween(0.94, 0.96);
        assertThat(gpt4.costPerPrompt().doubleValue()).isBetween(0.0045, 0.0055);
    }
}
