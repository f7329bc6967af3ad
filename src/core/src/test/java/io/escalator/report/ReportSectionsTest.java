package io.escalator.report;

import static io.escalator.testkit.ScriptedChatModels.Answer.text;
import static io.escalator.testkit.TestLadders.CAPABLE;
import static io.escalator.testkit.TestLadders.CHEAP;
import static io.escalator.testkit.TestLadders.PREMIUM;
import static io.escalator.testkit.TestLadders.PREMIUM_ANALYZER;
import static io.escalator.testkit.TestLadders.PREMIUM_REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.run.Run;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.TestLadders;
import io.escalator.testkit.TestRuns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The report's sections for budgets, approvals and the human review's options. */
@ExtendWith(DynamoDbLocalExtension.class)
class ReportSectionsTest {

    private final MutableClock clock = MutableClock.at("2100-03-01T10:00:00Z");
    private final ScriptedChatModels models = new ScriptedChatModels();
    private Engine engine;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        engine = Engine.on(dynamoDb.client(), dynamoDb.uniqueTableName("runs"), TestLadders.priced(), models, clock);
        models.answer(CHEAP, text("41", 100, 10)).answer(CAPABLE, text("43", 100, 10))
                .answer(PREMIUM, text("44", 100, 10)).answer(PREMIUM_ANALYZER, text("nobody got it", 100, 10))
                .answer(PREMIUM_REVIEWER, text("{\"confidence\": 0.1, \"assessment\": \"still 44\"}", 100, 10));
    }

    private String report(Run run) {
        return TextReport.render(ProgressionReport.of(engine.load(run.id()), clock));
    }

    @Test
    void aRunNeedingAHumanListsItsItemsTheTopTiersAnalysisAndTheOptions() {
        Run run = engine.start(TestRuns.run());
        engine.driver.drive(run.id());

        ProgressionReport report = ProgressionReport.of(engine.load(run.id()), clock);
        String text = TextReport.render(report);

        assertThat(report.options()).extracting(ProgressionReport.Option::action)
                .containsExactly("accept-partial", "retry-top-tier", "abort");
        assertThat(text).contains("NEEDS ATTENTION", "cheap #1", "capable #2", "premium #1", "nobody got it", "still 44")
                .contains("OPTIONS", "retry-top-tier", "accept-partial", "abort");
    }

    @Test
    void aRunWithABudgetShowsWhatItUsedAndWhatTheBudgetStopped() {
        Run run = engine.start(TestRuns.run().maxAttempts(3));
        engine.driver.drive(run.id());

        String text = report(run);

        assertThat(text).contains("BUDGET", "Attempts:  3 of 3", "Stopped by the budget: 1 item");
        assertThat(text).doesNotContain("OPTIONS");
    }

    @Test
    void aRunWaitingForApprovalShowsWhatItWaitsFor() {
        Run run = engine.start(TestRuns.run().autoApproveUnder("0"));
        engine.driver.drive(run.id());

        assertThat(report(run)).contains("AWAITING APPROVAL", "Run the work? Estimated cost ~$");
    }
}
