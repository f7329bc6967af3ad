package io.escalator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.escalator.report.ProgressionReport.AttemptMark;
import io.escalator.report.ProgressionReport.AttemptResult;
import io.escalator.run.Run;
import io.escalator.run.RunSnapshot;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.StoreRecords;
import io.escalator.testkit.TestLadders;
import io.escalator.testkit.TestRuns;
import io.escalator.workflow.RunRequestParser;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbLocalExtension.class)
class ProgressionReportTest {

    private static final String GATE = "contains: answer does not contain the required text \"42\"";

    private final MutableClock clock = MutableClock.at("2100-03-01T10:00:00Z");
    private Engine engine;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        engine = Engine.on(dynamoDb.client(), dynamoDb.uniqueTableName("runs"), TestLadders.priced(),
                new ScriptedChatModels(), clock);
    }

    @Test
    void eachTierShowsItsItemsAttemptsSuccessesAverageCqsAndCost() {
        Run run = ReportRuns.needsHuman(engine, clock);

        ProgressionReport report = ProgressionReport.of(engine.load(run.id()), clock);

        assertThat(report.tiers()).extracting(ProgressionReport.TierSummary::tier, ProgressionReport.TierSummary::model,
                ProgressionReport.TierSummary::itemsReached, ProgressionReport.TierSummary::attempts,
                ProgressionReport.TierSummary::attemptsPerItem, ProgressionReport.TierSummary::succeeded,
                ProgressionReport.TierSummary::successPercent, ProgressionReport.TierSummary::averageCqs)
                .containsExactly(
                        // a: 0 then 100; b: 0, 0
                        tuple("cheap", TestLadders.CHEAP, 2, 4, 2.0, 1, 50.0, 25.0),
                        tuple("capable", TestLadders.CAPABLE, 1, 2, 2.0, 0, 0.0, 0.0),
                        // gates 0% (weight 0.40) and reviewer confidence 40% (0.15): 10.91
                        tuple("premium", TestLadders.PREMIUM, 1, 1, 1.0, 0, 0.0, 10.9));
        assertThat(report.tiers()).extracting(ProgressionReport.TierSummary::cost).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("0.0018"), new BigDecimal("0.024"), new BigDecimal("0.08025"));
    }

    @Test
    void theProgressionShowsEachItemsAttemptsInOrderWithWhatCameOfThem() {
        Run run = ReportRuns.needsHuman(engine, clock);

        ProgressionReport report = ProgressionReport.of(engine.load(run.id()), clock);

        assertThat(report.progression()).extracting(ProgressionReport.ItemProgression::item,
                ProgressionReport.ItemProgression::status).containsExactly(tuple("a", "SUCCEEDED"), tuple("b", "NEEDS_HUMAN"));
        assertThat(report.progression().get(0).attempts())
                .extracting(AttemptMark::tierIndex, AttemptMark::tier, AttemptMark::attempt, AttemptMark::cqs, AttemptMark::result)
                .containsExactly(tuple(0, "cheap", 1, 0.0, AttemptResult.FELL_SHORT),
                        tuple(0, "cheap", 2, 100.0, AttemptResult.PASSED));
        assertThat(report.progression().get(1).attempts())
                .extracting(AttemptMark::tier, AttemptMark::attempt, AttemptMark::result)
                .containsExactly(tuple("cheap", 1, AttemptResult.FELL_SHORT), tuple("cheap", 2, AttemptResult.FELL_SHORT),
                        tuple("capable", 1, AttemptResult.FELL_SHORT), tuple("capable", 2, AttemptResult.FELL_SHORT),
                        tuple("premium", 1, AttemptResult.FELL_SHORT));
    }

    @Test
    void anAttemptStillRunningIsPendingWithoutACqs() {
        Run run = engine.start(TestRuns.run().objective("What is six times seven?"));
        engine.store.startAttempt(engine.store.findRun(run.id()).orElseThrow(),
                StoreRecords.started(run.id(), RunRequestParser.SINGLE_ITEM_ID, 1, BigDecimal.ONE, clock.instant()));

        ProgressionReport report = ProgressionReport.of(engine.load(run.id()), clock);

        assertThat(report.progression().getFirst().attempts()).extracting(AttemptMark::cqs, AttemptMark::result)
                .containsExactly(tuple(null, AttemptResult.PENDING));
    }

    @Test
    void theFinalResultsCountItemsByOutcomeWithTheirOverallCqs() {
        Run run = ReportRuns.needsHuman(engine, clock);

        ProgressionReport report = ProgressionReport.of(engine.load(run.id()), clock);

        assertThat(report.finalResults()).isEqualTo(new ProgressionReport.FinalResults(1, 1, 0, 0, 0, 55.5));
        assertThat(report.runId()).isEqualTo(run.id());
        assertThat(report.workflow()).isEqualTo("prompt");
        assertThat(report.objective()).isEqualTo("Answer with a number.");
        assertThat(report.status()).isEqualTo("NEEDS_HUMAN");
        assertThat(report.statusReason()).isEqualTo("1 of 2 items succeeded, 1 of 2 items needs human");
        assertThat(report.items()).isEqualTo(2);
        assertThat(report.durationMs()).as("nine model calls of one second").isEqualTo(9_000);
    }

    @Test
    void theCostAnalysisComparesTheRunWithDoingEverythingOnTheTopTier() {
        Run run = ReportRuns.needsHuman(engine, clock);

        ProgressionReport.CostAnalysis cost = ProgressionReport.of(engine.load(run.id()), clock).costAnalysis();

        // 4 x 0.00045 + 2 x 0.012 + 0.08025
        assertThat(cost.totalCost()).isEqualByComparingTo("0.10605");
        // two items, each its first attempt's 1000/500 tokens at $15/$75 per million
        assertThat(cost.allTopTierCost()).isEqualByComparingTo("0.105");
        assertThat(cost.saved()).isEqualByComparingTo("-0.00105");
        assertThat(cost.savingsPercent()).isEqualTo(-1.0);
        assertThat(cost.costPerItem()).isEqualByComparingTo("0.053025");
    }

    @Test
    void anItemThatNeedsAPersonListsWhatWasTriedOnEveryTierAndTheTopTiersAnalysis() {
        Run run = ReportRuns.needsHuman(engine, clock);

        ProgressionReport report = ProgressionReport.of(engine.load(run.id()), clock);

        assertThat(report.needsAttention()).singleElement().satisfies(item -> {
            assertThat(item.item()).isEqualTo("b");
            assertThat(item.status()).isEqualTo("NEEDS_HUMAN");
            assertThat(item.input()).isEqualTo("question b");
            assertThat(item.reason()).contains("top tier premium");
            assertThat(item.attempts()).extracting(ProgressionReport.TriedAttempt::tier, ProgressionReport.TriedAttempt::attempt,
                    ProgressionReport.TriedAttempt::cqs).containsExactly(tuple("cheap", 1, 0.0), tuple("cheap", 2, 0.0),
                    tuple("capable", 1, 0.0), tuple("capable", 2, 0.0), tuple("premium", 1, 10.91));
            assertThat(item.attempts()).allSatisfy(tried -> {
                assertThat(tried.failedChecks()).containsExactly(GATE);
                assertThat(tried.error()).isNull();
            });
            assertThat(item.topTierAnalysis()).contains("Failure analysis: " + ReportRuns.ANALYSIS)
                    .contains("Reviewer (confidence 0.4): the number is wrong");
        });
    }

    @Test
    void aRunStillRunningIsReportedWithItsCostSoFarAndItsTimeUntilNow() {
        engine.models.answer(TestLadders.CHEAP, io.escalator.testkit.ScriptedChatModels.Answer.text(ReportRuns.WRONG, 1000, 500));
        Run run = engine.start(TestRuns.run());
        engine.estimate.estimate(run.id());
        engine.execute.execute(run.id());
        clock.advance(Duration.ofSeconds(42));

        RunSnapshot snapshot = engine.load(run.id());
        ProgressionReport report = ProgressionReport.of(snapshot, clock);

        assertThat(report.status()).isEqualTo("RUNNING");
        assertThat(report.durationMs()).isEqualTo(42_000);
        assertThat(report.costAnalysis().totalCost()).isEqualByComparingTo("0.00045");
        assertThat(report.costAnalysis().allTopTierCost()).isEqualByComparingTo("0.0525");
        assertThat(report.finalResults().open()).isEqualTo(1);
        assertThat(report.finalResults().overallCqs()).isNull();
        assertThat(report.needsAttention()).isEmpty();
        assertThat(report.tiers().get(1).itemsReached()).isZero();
        assertThat(report.tiers().get(1).averageCqs()).isNull();
    }
}
