package io.escalator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.run.Run;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.TestLadders;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbLocalExtension.class)
class TextReportTest {

    private final MutableClock clock = MutableClock.at("2100-03-01T10:00:00Z");

    @Test
    void aRunThatNeedsAHumanShowsEverySectionAndTheItemsFailedChecks(DynamoDbLocal dynamoDb) {
        Engine engine = engine(dynamoDb, TestLadders.priced());
        Run run = ReportRuns.needsHuman(engine, clock);

        String text = TextReport.render(ProgressionReport.of(engine.load(run.id()), clock));

        assertThat(text).contains("ESCALATION REPORT  run " + run.id())
                .contains("Status:     NEEDS_HUMAN (1 of 2 items succeeded, 1 of 2 items needs human)")
                .contains("Duration:   9.0 s");
        assertThat(text).containsSubsequence("TIER BREAKDOWN", "FINAL RESULTS", "COST ANALYSIS", "NEEDS ATTENTION");
        assertThat(section(text, "TIER BREAKDOWN", "FINAL RESULTS"))
                .contains("cheap (cheap-model)", "Items: 2   Attempts: 4 (2.0 per item)   Succeeded here: 1 (50%)",
                        "Average CQS: 25.0   Cost: $0.0018")
                .contains("premium (premium-model)", "Average CQS: 10.9   Cost: $0.08");
        assertThat(section(text, "FINAL RESULTS", "COST ANALYSIS"))
                .contains("Succeeded: 1/2   Needs human: 1   Budget exhausted: 0   Failed: 0", "Overall CQS: 55.5");
        assertThat(section(text, "COST ANALYSIS", "NEEDS ATTENTION"))
                .contains("Total spent:      $0.11", "All on top tier:  $0.11", "Saved:            -$0.00105 (-1.0%)",
                        "Cost per item:    $0.05");
        String attention = text.substring(text.indexOf("NEEDS ATTENTION"));
        assertThat(attention).contains("b: NEEDS_HUMAN", "Input: question b", "cheap #1  CQS 0.0", "capable #2  CQS 0.0",
                "premium #1  CQS 10.9", "failed contains: answer does not contain the required text \"42\"",
                "Top tier's analysis:", ReportRuns.ANALYSIS).doesNotContain("a: ");
    }

    @Test
    void aRunThatSucceededHasNoNeedsAttentionSectionAndShowsItsSavings(DynamoDbLocal dynamoDb) {
        Engine engine = engine(dynamoDb, TestLadders.priced());
        Run run = ReportRuns.succeeded(engine, clock);

        String text = TextReport.render(ProgressionReport.of(engine.load(run.id()), clock));

        assertThat(text).contains("TIER BREAKDOWN", "FINAL RESULTS", "COST ANALYSIS").doesNotContain("NEEDS ATTENTION");
        assertThat(section(text, "TIER BREAKDOWN", "FINAL RESULTS")).contains("capable (capable-model)\n    not reached");
        // $0.00045 spent against $0.0525 on the top tier
        assertThat(text).contains("Saved:            $0.05 (99.1%)", "Total cost: $0.00045 (vs $0.05 all on the top tier)");
    }

    @Test
    void aFreeTopTierHasNoSavingsToMeasure(DynamoDbLocal dynamoDb) {
        Engine engine = engine(dynamoDb, TestLadders.allFree());
        Run run = ReportRuns.succeeded(engine, clock);

        String text = TextReport.render(ProgressionReport.of(engine.load(run.id()), clock));

        assertThat(text).contains("Saved:            $0.00 (top tier is free: no savings to measure)");
    }

    @Test
    void amountsUnderOneCentKeepTheirDigits() {
        assertThat(Figures.money(new BigDecimal("0.00045"))).isEqualTo("$0.00045");
        assertThat(Figures.money(new BigDecimal("0.0000001"))).isEqualTo("$0");
        assertThat(Figures.money(new BigDecimal("1.005"))).isEqualTo("$1.01");
        assertThat(Figures.money(new BigDecimal("-0.5"))).isEqualTo("-$0.50");
        assertThat(Figures.money(BigDecimal.ZERO)).isEqualTo("$0.00");
        assertThat(Figures.money(null)).isEqualTo("-");
    }

    private Engine engine(DynamoDbLocal dynamoDb, io.escalator.ladder.Ladder ladder) {
        return Engine.on(dynamoDb.client(), dynamoDb.uniqueTableName("runs"), ladder, new ScriptedChatModels(), clock);
    }

    private static String section(String text, String from, String to) {
        return text.substring(text.indexOf(from), text.indexOf(to));
    }
}
