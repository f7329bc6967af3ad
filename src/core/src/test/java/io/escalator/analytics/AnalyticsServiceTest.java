package io.escalator.analytics;

import static io.escalator.testkit.ScriptedChatModels.Answer.text;
import static io.escalator.testkit.TestLadders.CAPABLE;
import static io.escalator.testkit.TestLadders.CHEAP;
import static io.escalator.testkit.TestLadders.PREMIUM;
import static io.escalator.testkit.TestLadders.PREMIUM_ANALYZER;
import static io.escalator.testkit.TestLadders.PREMIUM_REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.escalator.analytics.Analytics.DayFigures;
import io.escalator.analytics.Analytics.TierFigures;
import io.escalator.engine.ResolutionService;
import io.escalator.run.Resolution;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.RecordingOrchestrator;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.TestLadders;
import io.escalator.testkit.TestRuns;
import io.escalator.validation.FieldError;
import io.escalator.validation.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Analytics from real runs on DynamoDB Local, checked against figures worked out by hand. */
@ExtendWith(DynamoDbLocalExtension.class)
class AnalyticsServiceTest {

    private static final LocalDate DAY_ONE = LocalDate.parse("2100-03-01");
    private static final LocalDate DAY_TWO = DAY_ONE.plusDays(1);

    private final MutableClock clock = MutableClock.at("2100-03-01T10:00:00Z");
    private final ScriptedChatModels models = new ScriptedChatModels();
    private Engine engine;
    private AnalyticsService analytics;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        engine = Engine.on(dynamoDb.client(), dynamoDb.uniqueTableName("runs"), TestLadders.priced(), models, clock);
        analytics = new AnalyticsService(engine.history, Engine.WORKFLOWS, engine.ladder, clock,
                new Recommendations.Thresholds(20, 0.2, 0.95, 10));
    }

    /**
     * Day one: items a (right on cheap) and b (wrong twice on cheap, right on capable). Day two: item c, right on
     * cheap. A cheap attempt (1000 in, 500 out at $0.15/$0.60 per M) costs $0.00045, the capable one (2000 in, 400 out
     * at $3/$15) $0.012. On the top tier alone ($15/$75, one attempt) each item would have cost 1000 x 15 + 500 x 75 =
     * $0.0525 (priced on the tokens of its first answer).
     */
    private void runTwoDays() {
        models.answer(CHEAP, "question a", text("42", 1000, 500))
                .answer(CHEAP, "question b", text("41", 1000, 500))
                .answer(CAPABLE, "question b", text("42", 2000, 400))
                .answer(CHEAP, "question c", text("42", 1000, 500));
        Run first = engine.start(TestRuns.run().item("a", "question a").item("b", "question b"));
        assertThat(engine.driver.drive(first.id())).isEqualTo(RunStatus.SUCCEEDED);
        clock.advance(Duration.ofDays(1));
        Run second = engine.start(TestRuns.run().item("c", "question c"));
        assertThat(engine.driver.drive(second.id())).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void totalsTiersAndDaysMatchTheFiguresWorkedOutByHand() {
        runTwoDays();

        Analytics result = analytics.analytics("prompt", "2100-03-01", "2100-03-02");

        assertThat(result.runs()).isEqualTo(2);
        assertThat(result.items()).isEqualTo(3);
        assertThat(result.resolvedItems()).isEqualTo(3);
        // 4 cheap attempts x 0.00045 + 0.012
        assertThat(result.totalCost()).isEqualByComparingTo("0.0138");
        assertThat(result.allTopTierCost()).isEqualByComparingTo("0.1575");
        assertThat(result.savings()).isEqualByComparingTo("0.1437");
        assertThat(result.savingsPercent()).isEqualTo(91.2);
        assertThat(result.costPerResolvedItem()).isEqualByComparingTo("0.0046");
        assertThat(result.tiers()).extracting(TierFigures::tier, TierFigures::attempts, TierFigures::itemsReached,
                        TierFigures::itemsResolved, TierFigures::successShare, TierFigures::averageCqs,
                        TierFigures::escalationShare, TierFigures::averageAttempts)
                .containsExactly(
                        // CQS 100, 100 (right) and 0, 0 (wrong): 50 on average; b escalated: 1 of 3
                        tuple("cheap", 4L, 3L, 2L, 0.6667, 50.0, 0.3333, 1.33),
                        tuple("capable", 1L, 1L, 1L, 1.0, 100.0, 0.0, 1.0));
        assertThat(result.tiers()).extracting(TierFigures::cost)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("0.0018"), new BigDecimal("0.012"));
        assertThat(result.days()).extracting(DayFigures::day, DayFigures::runs, DayFigures::items)
                .containsExactly(tuple(DAY_ONE, 1L, 2L), tuple(DAY_TWO, 1L, 1L));
        assertThat(result.days().get(0).cost()).isEqualByComparingTo("0.01335");
        assertThat(result.days().get(0).savings()).isEqualByComparingTo("0.09165");
        assertThat(result.days().get(1).savings()).isEqualByComparingTo("0.05205");
    }

    @Test
    void thePeriodAndTheWorkflowNarrowWhatIsCounted() {
        runTwoDays();

        assertThat(analytics.analytics("prompt", "2100-03-02", "2100-03-02").runs()).isEqualTo(1);
        assertThat(analytics.analytics(null, null, null).runs()).isEqualTo(2);
        assertThat(analytics.analytics("test-gen", "2100-03-01", "2100-03-02").runs()).isZero();
        assertThat(analytics.analytics("prompt", "2100-02-01", "2100-02-28").tiers()).isEmpty();
    }

    @Test
    void aRunSentBackToTheTopTierAddsOnlyWhatItsSecondEndChanged() {
        models.answer(CHEAP, text("41", 100, 10)).answer(CAPABLE, text("43", 100, 10))
                .answer(PREMIUM, text("44", 100, 10))
                .answer(PREMIUM_ANALYZER, text("they all missed", 100, 10))
                .answer(PREMIUM_REVIEWER, text("{\"confidence\": 0.2}", 100, 10));
        Run run = engine.start(TestRuns.run());
        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.NEEDS_HUMAN);
        Analytics before = analytics.analytics("prompt", null, "2100-03-01");
        models.answer(PREMIUM, text("42", 100, 10)).answer(PREMIUM_REVIEWER, text("{\"confidence\": 0.9}", 100, 10));

        new ResolutionService(engine.store, new RecordingOrchestrator(), clock)
                .resolve(run.id(), Resolution.Action.RETRY_TOP_TIER, "try again");
        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.SUCCEEDED);
        engine.finalizer.finalizeRun(run.id());

        Analytics after = analytics.analytics("prompt", null, "2100-03-01");
        assertThat(before.resolvedItems()).isZero();
        assertThat(after.runs()).isEqualTo(1);
        assertThat(after.items()).isEqualTo(1);
        assertThat(after.resolvedItems()).isEqualTo(1);
        assertThat(after.tiers()).extracting(TierFigures::tier, TierFigures::attempts, TierFigures::itemsResolved)
                .containsExactly(tuple("cheap", 2L, 0L), tuple("capable", 2L, 0L), tuple("premium", 2L, 1L));
        assertThat(after.totalCost()).isEqualByComparingTo(engine.run(run.id()).totals().totalCost());
    }

    @Test
    void badParametersAreNamedAllAtOnce() {
        assertThatThrownBy(() -> analytics.analytics("nope", "2100-13-01", "yesterday"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactlyInAnyOrder("workflow", "since", "until"));
        assertThatThrownBy(() -> analytics.analytics(null, "2100-03-02", "2100-03-01"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .singleElement().satisfies(error -> assertThat(error.message()).contains("after until")));
    }
}
