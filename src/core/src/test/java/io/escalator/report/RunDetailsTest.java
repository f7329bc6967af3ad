package io.escalator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.escalator.run.Run;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.TestLadders;
import io.escalator.testkit.TestRuns;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbLocalExtension.class)
class RunDetailsTest {

    private final MutableClock clock = MutableClock.at("2100-03-01T10:00:00Z");
    private Engine engine;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        engine = Engine.on(dynamoDb.client(), dynamoDb.uniqueTableName("runs"), TestLadders.priced(),
                new ScriptedChatModels(), clock);
    }

    @Test
    void aFinishedRunShowsItsStatusMoneyBudgetAndEstimate() {
        Run run = ReportRuns.needsHuman(engine, clock);

        RunDetails details = RunDetails.of(engine.load(run.id()));

        assertThat(details.runId()).isEqualTo(run.id());
        assertThat(details.workflow()).isEqualTo("prompt");
        assertThat(details.status()).isEqualTo("NEEDS_HUMAN");
        assertThat(details.statusReason()).isEqualTo("1 of 2 items succeeded, 1 of 2 items needs human");
        assertThat(details.createdAt()).isEqualTo(run.createdAt());
        assertThat(details.finishedAt()).isEqualTo(run.createdAt().plusSeconds(9));
        assertThat(details.totalCost()).isEqualByComparingTo("0.10605");
        assertThat(details.allTopTierCost()).isEqualByComparingTo("0.105");
        assertThat(details.savingsPercent()).isEqualTo(-1.0);
        assertThat(details.budget().maxCost()).isEqualByComparingTo("1");
        assertThat(details.budget().maxSeconds()).isEqualTo(3600L);
        assertThat(details.budget().maxAttempts()).isEqualTo(20);
        assertThat(details.budget().spent()).isEqualByComparingTo("0.10605");
        assertThat(details.budget().committed()).isEqualByComparingTo("0.10605");
        assertThat(details.budget().attemptsStarted()).isEqualTo(7);
        assertThat(details.estimate()).isNotNull();
        assertThat(details.estimate().get("tiers")).hasSize(3);
        assertThat(details.estimate().has("allTopTierCost")).isTrue();
    }

    @Test
    void eachItemShowsItsStatusTierCqsAndRule() {
        Run run = ReportRuns.needsHuman(engine, clock);

        RunDetails details = RunDetails.of(engine.load(run.id()));

        assertThat(details.items()).extracting(RunDetails.ItemView::id, RunDetails.ItemView::status,
                RunDetails.ItemView::tier, RunDetails.ItemView::cqs, RunDetails.ItemView::rule).containsExactly(
                tuple("a", "SUCCEEDED", "cheap", 100.0, "success"),
                tuple("b", "NEEDS_HUMAN", "premium", 10.91, "top-tier-failed"));
        assertThat(details.items().get(1).reason()).contains("top tier premium");
    }

    @Test
    void everyAttemptIsShownWithItsChecksCostAndDecision() {
        Run run = ReportRuns.needsHuman(engine, clock);

        RunDetails details = RunDetails.of(engine.load(run.id()));

        assertThat(details.attempts()).hasSize(7);
        assertThat(details.attempts()).extracting(RunDetails.AttemptView::item, RunDetails.AttemptView::seq,
                RunDetails.AttemptView::tier, RunDetails.AttemptView::attempt, RunDetails.AttemptView::decision,
                RunDetails.AttemptView::rule).containsExactly(
                tuple("a", 1, "cheap", 1, "RETRY", "min-attempts"),
                tuple("a", 2, "cheap", 2, "SUCCEED", "success"),
                tuple("b", 1, "cheap", 1, "RETRY", "min-attempts"),
                tuple("b", 2, "cheap", 2, "ESCALATE", "below-threshold"),
                tuple("b", 3, "capable", 1, "RETRY", "min-attempts"),
                tuple("b", 4, "capable", 2, "ESCALATE", "below-threshold"),
                tuple("b", 5, "premium", 1, "NEEDS_HUMAN", "top-tier-failed"));
        RunDetails.AttemptView first = details.attempts().getFirst();
        assertThat(first.model()).isEqualTo(TestLadders.CHEAP);
        assertThat(first.state()).isEqualTo("COMPLETED");
        assertThat(first.output()).isEqualTo(ReportRuns.WRONG);
        assertThat(first.cost()).isEqualByComparingTo("0.00045");
        assertThat(first.inputTokens()).isEqualTo(1000);
        assertThat(first.outputTokens()).isEqualTo(500);
        assertThat(first.cqs()).isZero();
        assertThat(first.signals().testPassRate()).isZero();
        assertThat(first.gates()).containsExactly(new RunDetails.GateView("contains", false,
                "answer does not contain the required text \"42\""));
        assertThat(first.error()).isNull();
        assertThat(first.reason()).contains("attempt 1 of at least 2");
        RunDetails.AttemptView premium = details.attempts().getLast();
        assertThat(premium.model()).isEqualTo(TestLadders.PREMIUM);
        assertThat(premium.analysis()).contains("Failure analysis: " + ReportRuns.ANALYSIS);
        assertThat(premium.signals().confidence()).isEqualTo(0.4);
    }

    @Test
    void aRunningRunShowsItsCostSoFarAndEachOpenItemsCurrentTier() {
        engine.models.answer(TestLadders.CHEAP, ScriptedChatModels.Answer.text(ReportRuns.WRONG, 1000, 500));
        Run run = engine.start(TestRuns.run());
        engine.estimate.estimate(run.id());
        engine.execute.execute(run.id());
        engine.decide.decide(run.id());
        engine.execute.execute(run.id());
        engine.decide.decide(run.id());
        clock.advance(Duration.ofSeconds(5));

        RunDetails details = RunDetails.of(engine.load(run.id()));

        assertThat(details.status()).isEqualTo("RUNNING");
        assertThat(details.finishedAt()).isNull();
        assertThat(details.totalCost()).isEqualByComparingTo("0.0009");
        assertThat(details.allTopTierCost()).isEqualByComparingTo("0.0525");
        assertThat(details.budget().maxCost()).isNull();
        assertThat(details.budget().maxSeconds()).isNull();
        assertThat(details.budget().maxAttempts()).isNull();
        assertThat(details.items()).singleElement().satisfies(item -> {
            assertThat(item.status()).isEqualTo("OPEN");
            assertThat(item.tier()).as("escalated, next attempt on").isEqualTo("capable");
            assertThat(item.cqs()).as("its latest attempt's").isEqualTo(0.0);
            assertThat(item.rule()).isEqualTo("below-threshold");
        });
        assertThat(details.attempts()).extracting(RunDetails.AttemptView::cost).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("0.00045"), new BigDecimal("0.00045"));
    }
}
