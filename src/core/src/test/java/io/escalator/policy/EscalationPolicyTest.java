package io.escalator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.ladder.Ladder;
import io.escalator.ladder.LadderLoader;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EscalationPolicyTest {

    private static final LadderLoader LOADER = new LadderLoader(name -> null);

    /** cheap (2..3 attempts, minCqs 70, 30%, 3 syntax errors), capable (2..6, 80, 20%, 1), premium (1, full). */
    private static final Ladder DEFAULT = LOADER.loadDefault();

    private static final BudgetState NO_BUDGET = budget(BudgetLimits.NONE, "0", Duration.ZERO, 0, tier -> BigDecimal.ZERO);

    // ---- building ladders, attempts and budgets -------------------------------------------------------------

    /** A tier entry with every required field; {@code extra} adds JSON members such as {@code "maxAttempts": 2}. */
    private static String tier(String name, String extra) {
        return """
                {"name": "%s", "provider": "openai", "baseUrl": "http://localhost:11434/v1", "model": "m-%s",
                 "inputPricePerMillion": 0, "outputPricePerMillion": 0%s}"""
                .formatted(name, name, extra.isEmpty() ? "" : ", " + extra);
    }

    private static String tier(String name) {
        return tier(name, "");
    }

    private static Ladder ladder(String... tiers) {
        return LOADER.parse("{\"tiers\": [" + String.join(",", tiers) + "]}", "test");
    }

    /** An answered attempt whose checks all passed but whose CQS is as given: only the CQS decides. */
    private static AttemptOutcome at(int tier, double cqs) {
        return AttemptOutcome.answered(tier, cqs, 0.0, 0);
    }

    private static AttemptOutcome failedModel(int tier, String why) {
        return new AttemptOutcome(tier, 0, 1.0, 0, why);
    }

    private static BudgetState budget(BudgetLimits limits, String committed, Duration elapsed, int attempts,
                                      IntFunction<BigDecimal> worstCase) {
        return new BudgetState(limits, new BigDecimal(committed), elapsed, attempts, worstCase);
    }

    private static Decision decide(Ladder ladder, AttemptOutcome... history) {
        return EscalationPolicy.decide(List.of(history), ladder, NO_BUDGET);
    }

    private static Decision decide(AttemptOutcome... history) {
        return decide(DEFAULT, history);
    }

    private static void assertDecision(Decision decision, Action action, int tierIndex, String rule) {
        assertThat(decision.action()).as("action; decision was %s", decision).isEqualTo(action);
        assertThat(decision.rule()).as("rule; decision was %s", decision).isEqualTo(rule);
        assertThat(decision.tierIndex()).as("tier; decision was %s", decision).isEqualTo(tierIndex);
    }

    @Test
    void anItemWithoutAttemptsCannotBeDecided() {
        assertThatThrownBy(() -> EscalationPolicy.decide(List.of(), DEFAULT, NO_BUDGET))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class Success {

        @ParameterizedTest(name = "on tier {0}")
        @ValueSource(ints = {0, 1, 2})
        void succeedsAtTheSuccessCqsOnAnyTierEvenOnTheFirstAttempt(int tierIndex) {
            Decision decision = decide(at(tierIndex, 80));

            assertDecision(decision, Action.SUCCEED, tierIndex, "success");
            assertThat(decision.reason()).isEqualTo("CQS 80 reached 80 on " + DEFAULT.tier(tierIndex).name());
        }

        @Test
        void justUnderTheSuccessCqsIsNoSuccess() {
            assertThat(decide(at(0, 79.9)).action()).isNotEqualTo(Action.SUCCEED);
        }

        @Test
        void theTierOwnSuccessCqsApplies() {
            Ladder strict = ladder(tier("a", "\"thresholds\": {\"successCqs\": 95}"), tier("b"));

            assertThat(decide(strict, at(0, 90)).action()).isEqualTo(Action.RETRY);
            assertDecision(decide(strict, at(0, 95)), Action.SUCCEED, 0, "success");
        }
    }

    @Nested
    class TopTier {

        @Test
        void theDefaultTopTierNeedsAHumanAfterItsSingleAttempt() {
            Decision decision = decide(at(0, 10), at(0, 10), at(1, 10), at(1, 10), at(2, 50));

            assertDecision(decision, Action.NEEDS_HUMAN, 2, "top-tier-failed");
            assertThat(decision.reason())
                    .isEqualTo("CQS 50 is under 80 after 1 of 1 attempts on the top tier premium");
        }

        @Test
        void aTopTierWithMoreAttemptsRetriesUntilItsMaximum() {
            Ladder ladder = ladder(tier("low"), tier("top", "\"maxAttempts\": 2"));

            Decision first = decide(ladder, at(1, 50));
            Decision second = decide(ladder, at(1, 50), at(1, 50));

            assertDecision(first, Action.RETRY, 1, "top-tier-retry");
            assertThat(first.reason()).isEqualTo("CQS 50 is under 80; attempt 1 of 2 on the top tier");
            assertDecision(second, Action.NEEDS_HUMAN, 1, "top-tier-failed");
        }

        @Test
        void theTopTierRuleComesBeforeTheSyntaxErrorAndStagnationRules() {
            // a lower tier would leave at once on 9 syntax errors; the top tier has nowhere to go but its retries
            Ladder ladder = ladder(tier("low"), tier("top", "\"maxAttempts\": 4"));

            assertDecision(decide(ladder, AttemptOutcome.answered(1, 0, 1.0, 9)), Action.RETRY, 1, "top-tier-retry");
            assertDecision(decide(ladder, at(1, 60), at(1, 60), at(1, 60)), Action.RETRY, 1, "top-tier-retry");
        }

        @Test
        void theOnlyTierOfASingleTierLadderIsTheTop() {
            Ladder single = ladder(tier("only"));

            assertDecision(decide(single, at(0, 40)), Action.NEEDS_HUMAN, 0, "top-tier-failed");
            assertDecision(decide(single, at(0, 85)), Action.SUCCEED, 0, "success");
        }
    }

    @Nested
    class AttemptLimits {

        @Test
        void retriesUntilTheMinimumAttemptsAreMade() {
            Decision decision = decide(at(0, 10));

            assertDecision(decision, Action.RETRY, 0, "min-attempts");
            assertThat(decision.reason()).isEqualTo("CQS 10 is under 80; attempt 1 of at least 2 on cheap");
        }

        @Test
        void escalatesAfterTheMaximumAttempts() {
            // 72, 74, 76: within cheap's thresholds (>= 70) but not improving by 5: retried until the third
            Decision decision = decide(at(0, 72), at(0, 74), at(0, 76));

            assertDecision(decision, Action.ESCALATE, 1, "max-attempts");
            assertThat(decision.reason()).isEqualTo("CQS 76 is under 80 after all 3 attempts on cheap; escalating to capable");
        }

        @Test
        void theMaximumComesBeforeTheSyntaxErrorRule() {
            Decision decision = decide(at(0, 72), at(0, 74), AttemptOutcome.answered(0, 30, 0.5, 8));

            assertDecision(decision, Action.ESCALATE, 1, "max-attempts");
        }
    }

    @Nested
    class ImmediateEscalation {

        @ParameterizedTest(name = "{1} syntax errors on tier {0}: {2} {3}")
        @CsvSource({
                "0, 3, RETRY,    min-attempts",
                "0, 4, ESCALATE, syntax-errors",
                "1, 1, RETRY,    min-attempts",
                "1, 2, ESCALATE, syntax-errors"})
        void syntaxErrorsOverTheTierLimitEscalate(int tierIndex, int syntaxErrors, Action action, String rule) {
            // cheap allows 3 syntax errors, capable 1
            Decision decision = decide(AttemptOutcome.answered(tierIndex, 30, 0.5, syntaxErrors));

            assertDecision(decision, action, action == Action.ESCALATE ? tierIndex + 1 : tierIndex, rule);
        }

        @Test
        void escalatesAtOnceOnTooManySyntaxErrorsEvenBeforeMinAttempts() {
            Decision decision = decide(AttemptOutcome.answered(0, 20, 1.0, 4));

            assertDecision(decision, Action.ESCALATE, 1, "syntax-errors");
            assertThat(decision.reason()).isEqualTo("4 syntax errors, more than the 3 allowed on cheap; escalating to capable");
        }

        @Test
        void escalatesAtOnceUnderTheImmediateEscalationCqsEvenBeforeMinAttempts() {
            Ladder ladder = ladder(tier("a", "\"thresholds\": {\"immediateEscalationCqs\": 30}"), tier("b"));

            Decision decision = decide(ladder, at(0, 29.5));

            assertDecision(decision, Action.ESCALATE, 1, "very-low-cqs");
            assertThat(decision.reason()).isEqualTo("CQS 29.5 is under the immediate-escalation line of 30; escalating to b");
        }

        @Test
        void aCqsAtTheImmediateEscalationLineIsNotVeryLow() {
            Ladder ladder = ladder(tier("a", "\"thresholds\": {\"immediateEscalationCqs\": 30}"), tier("b"));

            assertDecision(decide(ladder, at(0, 30)), Action.RETRY, 0, "min-attempts");
        }

        @Test
        void withoutAnImmediateEscalationCqsEvenZeroIsRetriedUntilTheMinimum() {
            assertDecision(decide(at(0, 0)), Action.RETRY, 0, "min-attempts");
        }
    }

    @Nested
    class Thresholds {

        @Test
        void escalatesBelowTheMinCqsWhenNotImproving() {
            Decision decision = decide(at(0, 50), at(0, 52));

            assertDecision(decision, Action.ESCALATE, 1, "below-threshold");
            assertThat(decision.reason())
                    .isEqualTo("CQS 52 is under 70 and not improving (gain 2) after 2 attempts on cheap; escalating to capable");
        }

        @Test
        void escalatesOverTheMaxFailureRateWhenNotImproving() {
            // CQS 73 and 75 are above cheap's minCqs of 70, but half the checks fail (30% allowed)
            Decision decision = decide(AttemptOutcome.answered(0, 73, 0.5, 0), AttemptOutcome.answered(0, 75, 0.5, 0));

            assertDecision(decision, Action.ESCALATE, 1, "below-threshold");
            assertThat(decision.reason()).startsWith("failure rate 50% is over 30% and not improving (gain 2)");
        }

        @Test
        void percentagesAreShownAsPeopleWriteThem() {
            // 0.29 x 100 is 28.999999999999996 and 0.57 x 100 is 56.99999999999999 in binary floating point
            Ladder ladder = ladder(tier("a", "\"thresholds\": {\"maxFailureRate\": 0.29}"), tier("b"));

            Decision decision = EscalationPolicy.decide(List.of(AttemptOutcome.answered(0, 75, 0.57, 0),
                    AttemptOutcome.answered(0, 75, 0.57, 0)), ladder, NO_BUDGET);

            assertThat(decision.reason()).startsWith("failure rate 57% is over 29% and not improving (gain 0)");
        }

        @ParameterizedTest(name = "{0} -> {1}: {2}")
        @CsvSource({
                "40, 45,   RETRY,    improving",
                "40, 60,   RETRY,    improving",
                "40, 44.9, ESCALATE, below-threshold",
                "40, 30,   ESCALATE, below-threshold"})
        void belowTheThresholdsAGainOfAtLeastTheStagnationImprovementEarnsARetry(double first, double second,
                                                                                   Action action, String rule) {
            Decision decision = decide(at(0, first), at(0, second));

            assertDecision(decision, action, action == Action.RETRY ? 0 : 1, rule);
        }

        @Test
        void anImprovingRetrySaysByHowMuch() {
            assertThat(decide(at(0, 40), at(0, 50)).reason())
                    .isEqualTo("CQS 50 is under 80; improving by 10 points, retrying on cheap (attempt 2 of at most 3)");
        }

        @Test
        void withinTheThresholdsRetriesWithRoomToReachSuccess() {
            Decision decision = decide(at(0, 72), at(0, 74));

            assertDecision(decision, Action.RETRY, 0, "within-thresholds");
            assertThat(decision.reason())
                    .isEqualTo("CQS 74 is under 80; within the tier's thresholds, retrying on cheap (attempt 2 of at most 3)");
        }
    }

    @Nested
    class Stagnation {

        /** capable gets a band between minCqs 75 and successCqs 90 in which an item can stagnate. */
        private final Ladder banded = ladder(tier("cheap"),
                tier("capable", "\"thresholds\": {\"successCqs\": 90, \"minCqs\": 75}"), tier("premium"));

        @Test
        void theSeedScenarioOf78Then79Then80Stagnates() {
            List<AttemptOutcome> history = new ArrayList<>(List.of(at(0, 60), at(0, 62)));

            history.add(at(1, 78));
            Decision afterFirst = EscalationPolicy.decide(history, banded, NO_BUDGET);
            history.add(at(1, 79));
            Decision afterSecond = EscalationPolicy.decide(history, banded, NO_BUDGET);
            history.add(at(1, 80));
            Decision afterThird = EscalationPolicy.decide(history, banded, NO_BUDGET);

            assertDecision(afterFirst, Action.RETRY, 1, "min-attempts");
            // 79 gains 1 (< 5) over 78: one stagnating attempt, the limit is 2
            assertDecision(afterSecond, Action.RETRY, 1, "within-thresholds");
            // 80 gains 1 over 79: two stagnating attempts in a row
            assertDecision(afterThird, Action.ESCALATE, 2, "stagnation");
            assertThat(afterThird.reason())
                    .isEqualTo("2 consecutive attempts on capable gained under 5 CQS points; escalating to premium");
        }

        @Test
        void theStagnationLimitIsTheTierOwn() {
            Ladder patient = ladder(tier("cheap"), tier("capable",
                    "\"thresholds\": {\"successCqs\": 90, \"minCqs\": 75, \"stagnationLimit\": 3}"), tier("premium"));

            assertDecision(decide(patient, at(1, 78), at(1, 79), at(1, 80)), Action.RETRY, 1, "within-thresholds");
            assertDecision(decide(patient, at(1, 78), at(1, 79), at(1, 80), at(1, 81)), Action.ESCALATE, 2, "stagnation");
        }

        @Test
        void theStagnationImprovementIsTheTierOwn() {
            Ladder demanding = ladder(tier("cheap"), tier("capable",
                    "\"thresholds\": {\"successCqs\": 90, \"minCqs\": 75, \"stagnationImprovement\": 10}"), tier("premium"));

            // +6 is progress with the default of 5 points, stagnation with 10
            assertDecision(decide(banded, at(1, 76), at(1, 82), at(1, 88)), Action.RETRY, 1, "improving");
            assertDecision(decide(demanding, at(1, 76), at(1, 82), at(1, 88)), Action.ESCALATE, 2, "stagnation");
        }

        @Test
        void anImprovingAttemptBreaksTheRun() {
            // 77 stagnates, 85 gains 8, 86 stagnates: the run is 1 long, not 2
            assertDecision(decide(banded, at(1, 76), at(1, 77), at(1, 85), at(1, 86)), Action.RETRY, 1, "within-thresholds");
        }

        @Test
        void attemptsOnEarlierTiersDoNotCountTowardStagnation() {
            // cheap's 70, 71, 72 stagnated; capable's first attempt is measured against zero, not against 72
            Decision decision = decide(banded, at(0, 70), at(0, 71), at(0, 72), at(1, 76), at(1, 77));

            assertDecision(decision, Action.RETRY, 1, "within-thresholds");
        }
    }

    @Nested
    class ModelFailure {

        @Test
        void aModelFailureCountsAsAFailedAttempt() {
            Decision first = decide(failedModel(0, "HTTP 503"));
            Decision second = decide(failedModel(0, "HTTP 503"), failedModel(0, "timeout"));

            assertDecision(first, Action.RETRY, 0, "min-attempts");
            assertThat(first.reason()).isEqualTo("the model failed (HTTP 503); attempt 1 of at least 2 on cheap");
            assertDecision(second, Action.ESCALATE, 1, "below-threshold");
        }

        @Test
        void modelFailuresCountTowardTheMaximum() {
            Ladder ladder = ladder(tier("a", "\"minAttempts\": 1, \"maxAttempts\": 2"), tier("b"));

            Decision decision = decide(ladder, at(0, 75), failedModel(0, "timeout"));

            assertDecision(decision, Action.ESCALATE, 1, "max-attempts");
            assertThat(decision.reason()).startsWith("the model failed (timeout) after all 2 attempts on a");
        }

        @Test
        void aModelFailureOnTheTopTierNeedsAHuman() {
            Decision decision = decide(failedModel(2, "connection refused"));

            assertDecision(decision, Action.NEEDS_HUMAN, 2, "top-tier-failed");
            assertThat(decision.reason()).startsWith("the model failed (connection refused) after 1 of 1 attempts");
        }

        @Test
        void aModelFailureNeverSucceedsEvenWhereAnyCqsWould() {
            Ladder lenient = ladder(tier("a", "\"thresholds\": {\"successCqs\": 0}"), tier("b"));

            assertDecision(decide(lenient, at(0, 0)), Action.SUCCEED, 0, "success");
            assertThat(decide(lenient, failedModel(0, "timeout")).action()).isNotEqualTo(Action.SUCCEED);
        }
    }

    @Nested
    class HistoryAcrossTiers {

        @Test
        void attemptsOnAnEarlierTierDoNotCountTowardTheMinimum() {
            Decision decision = decide(at(0, 10), at(0, 10), at(1, 10));

            assertDecision(decision, Action.RETRY, 1, "min-attempts");
            assertThat(decision.reason()).endsWith("attempt 1 of at least 2 on capable");
        }

        @Test
        void attemptsOnAnEarlierTierDoNotCountTowardTheMaximum() {
            Ladder ladder = ladder(tier("a"), tier("b", "\"minAttempts\": 1, \"maxAttempts\": 2"), tier("c"));

            // three attempts on a; b's first attempt improves from zero and is retried, its second is its last
            assertDecision(decide(ladder, at(0, 72), at(0, 73), at(0, 74), at(1, 78)), Action.RETRY, 1, "improving");
            assertDecision(decide(ladder, at(0, 72), at(0, 73), at(0, 74), at(1, 78), at(1, 79)),
                    Action.ESCALATE, 2, "max-attempts");
        }

        @Test
        void theDefaultLadderClimbsToAHumanWhenAGateAlwaysFails() {
            // one gate, always failed: CQS 0, failure rate 100%
            List<String> trail = climb(DEFAULT, tier -> AttemptOutcome.answered(tier, 0, 1.0, 0), NO_BUDGET);

            assertThat(trail).containsExactly(
                    "cheap RETRY min-attempts",
                    "cheap ESCALATE below-threshold",
                    "capable RETRY min-attempts",
                    "capable ESCALATE below-threshold",
                    "premium NEEDS_HUMAN top-tier-failed");
        }

        @Test
        void theDefaultLadderClimbsTheSameWayWhenTheModelAlwaysFails() {
            List<String> trail = climb(DEFAULT, tier -> failedModel(tier, "HTTP 500"), NO_BUDGET);

            assertThat(trail).containsExactly(
                    "cheap RETRY min-attempts",
                    "cheap ESCALATE below-threshold",
                    "capable RETRY min-attempts",
                    "capable ESCALATE below-threshold",
                    "premium NEEDS_HUMAN top-tier-failed");
        }
    }

    @Nested
    class Budget {

        private final BudgetLimits threeAttempts = new BudgetLimits(null, null, 3);

        @Test
        void aRetryTheBudgetCannotPayForExhaustsIt() {
            BudgetState spent = budget(new BudgetLimits(new BigDecimal("1.00"), null, null), "0.95", Duration.ZERO, 1,
                    tier -> new BigDecimal("0.10"));

            Decision decision = EscalationPolicy.decide(List.of(at(0, 10)), DEFAULT, spent);

            assertDecision(decision, Action.BUDGET_EXHAUSTED, 0, "budget-cost");
            assertThat(decision.reason()).isEqualTo("the next attempt could cost up to $0.10 but only $0.05 of the $1.00 "
                    + "budget is left (would have: CQS 10 is under 80; attempt 1 of at least 2 on cheap)");
        }

        @Test
        void anEscalationIsPricedAtTheNextTier() {
            List<Integer> asked = new ArrayList<>();
            IntFunction<BigDecimal> worstCase = tier -> {
                asked.add(tier);
                return tier == 0 ? new BigDecimal("0.01") : new BigDecimal("1.00");
            };
            BudgetState state = budget(new BudgetLimits(new BigDecimal("0.50"), null, null), "0.10", Duration.ZERO, 2,
                    worstCase);

            Decision retry = EscalationPolicy.decide(List.of(at(0, 10)), DEFAULT, state);
            Decision escalation = EscalationPolicy.decide(List.of(at(0, 10), at(0, 10)), DEFAULT, state);

            assertDecision(retry, Action.RETRY, 0, "min-attempts");
            // the item ends on the tier it was on, not the one it could not afford
            assertDecision(escalation, Action.BUDGET_EXHAUSTED, 0, "budget-cost");
            assertThat(escalation.reason()).contains("would have: CQS 10 is under 70 and not improving");
            assertThat(asked).containsExactly(0, 1);
        }

        @Test
        void theTimeCapStopsARetry() {
            BudgetState late = budget(new BudgetLimits(null, Duration.ofMinutes(10), null), "0", Duration.ofMinutes(10),
                    1, tier -> BigDecimal.ZERO);

            assertDecision(EscalationPolicy.decide(List.of(at(0, 10)), DEFAULT, late),
                    Action.BUDGET_EXHAUSTED, 0, "budget-time");
        }

        @Test
        void theAttemptCapStopsAClimb() {
            List<String> trail = climb(DEFAULT, tier -> at(tier, 0), null, threeAttempts);

            assertThat(trail).containsExactly(
                    "cheap RETRY min-attempts",
                    "cheap ESCALATE below-threshold",
                    "capable BUDGET_EXHAUSTED budget-attempts");
        }

        @Test
        void theBudgetNeverOverridesASuccess() {
            BudgetState exhausted = exhaustedEveryWay();

            assertDecision(EscalationPolicy.decide(List.of(at(0, 90)), DEFAULT, exhausted), Action.SUCCEED, 0, "success");
        }

        @Test
        void theBudgetNeverOverridesAHandOverToAHuman() {
            BudgetState exhausted = exhaustedEveryWay();

            assertDecision(EscalationPolicy.decide(List.of(at(2, 10)), DEFAULT, exhausted),
                    Action.NEEDS_HUMAN, 2, "top-tier-failed");
        }

        @Test
        void aFreeTierFitsABudgetWithNothingLeft() {
            // everything spent, but the next attempt can cost at most $0
            BudgetState allSpent = budget(new BudgetLimits(new BigDecimal("0.10"), null, null), "0.10", Duration.ZERO, 5,
                    tier -> BigDecimal.ZERO);

            assertDecision(EscalationPolicy.decide(List.of(at(0, 10)), DEFAULT, allSpent), Action.RETRY, 0, "min-attempts");
        }

        @Test
        void aFreeLadderRunsUnderAZeroCostBudget() {
            BudgetState zero = budget(new BudgetLimits(BigDecimal.ZERO, null, null), "0", Duration.ZERO, 0,
                    tier -> BigDecimal.ZERO);

            assertThat(climb(DEFAULT, tier -> at(tier, 0), zero)).last().isEqualTo("premium NEEDS_HUMAN top-tier-failed");
        }

        private BudgetState exhaustedEveryWay() {
            return budget(new BudgetLimits(new BigDecimal("1"), Duration.ofSeconds(1), 1), "1", Duration.ofHours(1), 99,
                    tier -> BigDecimal.ONE);
        }
    }

    /** Runs an item up the ladder, one outcome per attempt, until a terminal decision: "tier ACTION rule" each step. */
    private static List<String> climb(Ladder ladder, IntFunction<AttemptOutcome> attempt, BudgetState budget) {
        return climb(ladder, attempt, budget, null);
    }

    /** As above; with {@code limits}, the budget counts the attempts started so far. */
    private static List<String> climb(Ladder ladder, IntFunction<AttemptOutcome> attempt, BudgetState budget,
                                      BudgetLimits limits) {
        List<AttemptOutcome> history = new ArrayList<>();
        List<String> trail = new ArrayList<>();
        int tier = 0;
        Decision decision;
        do {
            history.add(attempt.apply(tier));
            BudgetState now = limits == null ? budget
                    : budget(limits, "0", Duration.ZERO, history.size(), index -> BigDecimal.ZERO);
            decision = EscalationPolicy.decide(history, ladder, now);
            trail.add(ladder.tier(tier).name() + " " + decision.action() + " " + decision.rule());
            tier = decision.tierIndex();
        } while (!decision.action().isTerminal() && history.size() < 50);
        return trail;
    }
}
