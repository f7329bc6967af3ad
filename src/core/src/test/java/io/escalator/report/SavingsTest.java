package io.escalator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.ladder.Ladder;
import io.escalator.run.Attempt;
import io.escalator.run.AttemptState;
import io.escalator.testkit.TestLadders;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Savings against doing all the work on the top tier, from the attempts' recorded tokens and costs. */
class SavingsTest {

    private static final Instant T0 = Instant.parse("2100-03-01T10:00:00Z");

    @Test
    void allTopTierCostPricesEachItemsFirstAttemptTokensAtTheTopTiersGeneratorPrices() {
        Ladder ladder = TestLadders.priced();
        List<Attempt> attempts = List.of(
                attempt("a", 2, 0, 5000, 5000, "0.0035"),
                attempt("a", 1, 0, 1000, 500, "0.00045"),
                attempt("b", 1, 0, 2000, 100, "0.00036"),
                attempt("b", 2, 1, 3000, 300, "0.0135"));

        var totals = Savings.of(attempts, ladder);

        assertThat(totals.totalCost()).isEqualByComparingTo("0.01781");
        // a: 1000 x $15/M + 500 x $75/M = 0.0525; b: 2000 x $15/M + 100 x $75/M = 0.0375; premium minAttempts 1
        assertThat(totals.allTopTierCost()).isEqualByComparingTo("0.09");
        // (0.09 - 0.01781) / 0.09 = 80.2%
        assertThat(totals.savingsPercent()).isEqualTo(80.2);
    }

    @Test
    void theTopTiersMinimumAttemptsAndItsGeneratorsOwnPricesCount() {
        Ladder ladder = TestLadders.parse("""
                {"tiers": [
                  {"name": "cheap", "provider": "openai", "baseUrl": "http://models.test/v1", "model": "c",
                   "inputPricePerMillion": 0, "outputPricePerMillion": 0},
                  {"name": "top", "provider": "openai", "baseUrl": "http://models.test/v1", "model": "t",
                   "inputPricePerMillion": 100, "outputPricePerMillion": 100, "minAttempts": 2, "maxAttempts": 2,
                   "agents": {"generator": {"model": "g", "inputPricePerMillion": 10, "outputPricePerMillion": 20}}}
                ]}""");

        var totals = Savings.of(List.of(attempt("a", 1, 0, 1000, 500, "0")), ladder);

        // (1000 x $10/M + 500 x $20/M) x 2 attempts
        assertThat(totals.allTopTierCost()).isEqualByComparingTo("0.04");
        assertThat(totals.totalCost()).isEqualByComparingTo("0");
        assertThat(totals.savingsPercent()).isEqualTo(100.0);
    }

    @Test
    void attemptsThatGotNoAnswerDoNotSizeTheWork() {
        Attempt modelDown = new Attempt("run", "a", 1, 0, "cheap", "m", 1, AttemptState.COMPLETED, BigDecimal.ZERO,
                null, null, List.of(), null, 0, 0, 0, BigDecimal.ZERO, 0, "model m at http://models.test is unreachable",
                null, List.of(), null, T0, T0);

        var totals = Savings.of(List.of(modelDown, attempt("a", 2, 0, 1000, 500, "0.00045")), TestLadders.priced());

        // the answered second attempt sizes item a: 1000 x $15/M + 500 x $75/M
        assertThat(totals.allTopTierCost()).isEqualByComparingTo("0.0525");
    }

    @Test
    void aTopTierCostTheProviderKnowsExactlyIsUsedInsteadOfTheTokens() {
        List<Attempt> attempts = List.of(
                attempt("a", 1, 0, 1000, 500, "0.00045"),
                attempt("b", 1, 0, 2000, 100, "0.00036"));

        // a replayed top tier knows item a's recorded cost; item b has none and is sized by its tokens
        var totals = Savings.of(attempts, TestLadders.priced(),
                itemId -> itemId.equals("a") ? java.util.Optional.of(new BigDecimal("0.0032")) : java.util.Optional.empty());

        // a: 0.0032; b: 2000 x $15/M + 100 x $75/M = 0.0375
        assertThat(totals.allTopTierCost()).isEqualByComparingTo("0.0407");
        // (0.0407 - 0.00081) / 0.0407 = 98.0%
        assertThat(totals.savingsPercent()).isEqualTo(98.0);
    }

    @Test
    void aFreeTopTierLeavesNothingToSaveAgainst() {
        var totals = Savings.of(List.of(attempt("a", 1, 0, 1000, 500, "0")), TestLadders.allFree());

        assertThat(totals.allTopTierCost()).isEqualByComparingTo("0");
        assertThat(totals.savingsPercent()).isNull();
    }

    @Test
    void noAttemptsCostNothing() {
        var totals = Savings.of(List.of(), TestLadders.priced());

        assertThat(totals.totalCost()).isEqualByComparingTo("0");
        assertThat(totals.allTopTierCost()).isEqualByComparingTo("0");
        assertThat(totals.savingsPercent()).isNull();
    }

    private static Attempt attempt(String item, int seq, int tier, int in, int out, String cost) {
        return new Attempt("run", item, seq, tier, tier == 0 ? "cheap" : "capable", "m", seq, AttemptState.COMPLETED,
                new BigDecimal(cost), null, "answer", List.of(), null, 0, in, out, new BigDecimal(cost), 0, null, null,
                List.of(), null, T0, T0);
    }
}
