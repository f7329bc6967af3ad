package io.escalator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BudgetStateTest {

    private static final IntFunction<BigDecimal> FREE = tier -> BigDecimal.ZERO;

    private static BudgetState state(BudgetLimits limits, String committed, Duration elapsed, int attempts,
                                     IntFunction<BigDecimal> worstCase) {
        return new BudgetState(limits, new BigDecimal(committed), elapsed, attempts, worstCase);
    }

    @Test
    void withoutLimitsEveryAttemptFits() {
        BudgetState state = state(BudgetLimits.NONE, "1000000", Duration.ofDays(30), 1_000_000,
                tier -> new BigDecimal("999"));

        assertThat(state.refusal(0)).isEmpty();
    }

    @ParameterizedTest(name = "{0} of {1} attempts started: refused = {2}")
    @CsvSource({"4, 5, false", "5, 5, true", "6, 5, true"})
    void theAttemptCapCountsAttemptsStarted(int started, int cap, boolean refused) {
        BudgetState state = state(new BudgetLimits(null, null, cap), "0", Duration.ZERO, started, FREE);

        assertThat(state.refusal(0).isPresent()).isEqualTo(refused);
        state.refusal(0).ifPresent(refusal -> {
            assertThat(refusal.rule()).isEqualTo("budget-attempts");
            assertThat(refusal.reason()).isEqualTo("the run's cap of " + cap + " attempts is reached");
        });
    }

    @ParameterizedTest(name = "{0} s of {1} s: refused = {2}")
    @CsvSource({"59, 60, false", "60, 60, true", "61, 60, true"})
    void theTimeCapIsReachedAtItsDuration(long elapsed, long cap, boolean refused) {
        BudgetState state = state(new BudgetLimits(null, Duration.ofSeconds(cap), null), "0", Duration.ofSeconds(elapsed),
                0, FREE);

        assertThat(state.refusal(0).isPresent()).isEqualTo(refused);
        state.refusal(0).ifPresent(refusal -> {
            assertThat(refusal.rule()).isEqualTo("budget-time");
            assertThat(refusal.reason()).isEqualTo("the run's time cap of 60 s is reached");
        });
    }

    @ParameterizedTest(name = "worst case ${2} with ${1} of ${0} committed: refused = {3}")
    @CsvSource({
            "1.00, 0.50, 0.49, false",
            "1.00, 0.50, 0.50, false",
            "1.00, 0.50, 0.51, true",
            "1.00, 1.00, 0,    false",
            "0,    0,    0,    false",
            "0,    0,    0.01, true"})
    void anAttemptFitsWhenItsWorstCaseIsNoMoreThanWhatIsLeft(String cap, String committed, String worstCase,
                                                              boolean refused) {
        BudgetState state = state(new BudgetLimits(new BigDecimal(cap), null, null), committed, Duration.ZERO, 0,
                tier -> new BigDecimal(worstCase));

        assertThat(state.refusal(0).isPresent()).isEqualTo(refused);
        state.refusal(0).ifPresent(refusal -> assertThat(refusal.rule()).isEqualTo("budget-cost"));
    }

    @Test
    void theCostRefusalGivesTheNumbers() {
        BudgetState state = state(new BudgetLimits(new BigDecimal("2.00"), null, null), "1.75", Duration.ZERO, 0,
                tier -> new BigDecimal("0.30"));

        assertThat(state.refusal(1)).hasValueSatisfying(refusal -> assertThat(refusal.reason())
                .isEqualTo("the next attempt could cost up to $0.30 but only $0.25 of the $2.00 budget is left"));
    }

    @Test
    void anOverspentBudgetShowsNothingLeftRatherThanANegativeAmount() {
        BudgetState state = state(new BudgetLimits(new BigDecimal("1"), null, null), "1.20", Duration.ZERO, 0,
                tier -> BigDecimal.ZERO);

        // a free attempt does not fit either once the budget is overspent: 0 > -0.20
        assertThat(state.refusal(0)).hasValueSatisfying(refusal -> assertThat(refusal.reason())
                .contains("only $0 of the $1 budget is left"));
    }

    @Test
    void theWorstCaseIsThatOfTheTierAsked() {
        List<Integer> asked = new ArrayList<>();
        BudgetState state = state(new BudgetLimits(new BigDecimal("1"), null, null), "0", Duration.ZERO, 0, tier -> {
            asked.add(tier);
            return tier == 2 ? new BigDecimal("5") : BigDecimal.ZERO;
        });

        assertThat(state.refusal(1)).isEmpty();
        assertThat(state.refusal(2)).isPresent();
        assertThat(asked).containsExactly(1, 2);
    }

    @Test
    void theAttemptCapIsCheckedFirstThenTimeThenCost() {
        IntFunction<BigDecimal> expensive = tier -> BigDecimal.TEN;
        BudgetLimits all = new BudgetLimits(BigDecimal.ONE, Duration.ofSeconds(1), 1);

        assertThat(state(all, "1", Duration.ofHours(1), 1, expensive).refusal(0))
                .hasValueSatisfying(refusal -> assertThat(refusal.rule()).isEqualTo("budget-attempts"));
        assertThat(state(all, "1", Duration.ofHours(1), 0, expensive).refusal(0))
                .hasValueSatisfying(refusal -> assertThat(refusal.rule()).isEqualTo("budget-time"));
        assertThat(state(all, "1", Duration.ZERO, 0, expensive).refusal(0))
                .hasValueSatisfying(refusal -> assertThat(refusal.rule()).isEqualTo("budget-cost"));
    }

    @Test
    void theWorstCaseIsNotComputedWithoutACostCap() {
        BudgetState state = state(new BudgetLimits(null, Duration.ofHours(1), 10), "0", Duration.ZERO, 0, tier -> {
            throw new AssertionError("no cost cap: the worst case must not be estimated");
        });

        assertThat(state.refusal(0)).isEmpty();
    }
}
