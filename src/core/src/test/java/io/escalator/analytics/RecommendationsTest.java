package io.escalator.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.analytics.Recommendation.Type;
import io.escalator.cost.TierHistory;
import io.escalator.ladder.Ladder;
import io.escalator.testkit.TestLadders;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pattern learning on seeded histories: each piece of advice appears when its numbers say so, and not before. */
class RecommendationsTest {

    private static final Ladder LADDER = TestLadders.priced(); // cheap 2..?, capable, premium
    private static final Recommendations.Thresholds THRESHOLDS = new Recommendations.Thresholds(20, 0.2, 0.95, 10);

    private static TierHistory tier(int index, String name, long reached, long resolved, long attempts, String cost,
                                    Map<Integer, Long> attemptsByNumber, Map<Integer, Long> successesByNumber) {
        return new TierHistory(index, name, reached, resolved, reached - resolved, attempts, attempts, attempts * 100,
                new BigDecimal(cost), BigDecimal.ZERO, attemptsByNumber, successesByNumber);
    }

    private static List<Recommendation> advise(TierHistory... tiers) {
        Map<Integer, TierHistory> history = new java.util.TreeMap<>();
        for (TierHistory tier : tiers) {
            history.put(tier.tierIndex(), tier);
        }
        return Recommendations.of("prompt", LADDER, history, THRESHOLDS);
    }

    @Test
    void aFirstTierThatResolvesFewItemsAdvisesStartingAtTheSecond() {
        List<Recommendation> advice = advise(
                tier(0, "cheap", 40, 3, 80, "0.04", Map.of(1, 40L, 2, 40L), Map.of(1, 3L)),
                tier(1, "capable", 37, 35, 40, "0.40", Map.of(1, 37L, 2, 3L), Map.of(1, 33L, 2, 2L)));

        assertThat(advice).filteredOn(r -> r.type() == Type.CAPABLE_FIRST).singleElement().satisfies(r -> {
            assertThat(r.tier()).isEqualTo("cheap");
            assertThat(r.message()).isEqualTo("Start at capable: cheap resolved 3 of 40 items (7.5%), under the 20% line;"
                    + " its 80 attempts cost $0.04.");
            assertThat(r.evidence()).containsEntry("itemsReached", 40L).containsEntry("itemsResolved", 3L);
        });
    }

    @Test
    void aFirstTierThatResolvesNearlyEverythingAdvisesStayingOnIt() {
        List<Recommendation> advice = advise(tier(0, "cheap", 40, 39, 41, "0.01", Map.of(1, 40L, 2, 1L),
                Map.of(1, 38L, 2, 1L)));

        assertThat(advice).extracting(Recommendation::type).containsExactly(Type.CHEAP_ONLY);
        assertThat(advice.getFirst().message()).isEqualTo("Stay on cheap: it resolved 39 of 40 items (97.5%); the tiers"
                + " above it are rarely needed.");
    }

    @Test
    void nothingIsAdvisedFromTooFewItems() {
        assertThat(advise(tier(0, "cheap", 19, 0, 38, "0.02", Map.of(1, 19L, 2, 19L), Map.of()))).isEmpty();
    }

    @Test
    void laterAttemptsThatNeverSucceedAdviseALowerMaxAttempts() {
        // capable may make 6 attempts (default); none after the 2nd ever succeeded, and 30 were made
        List<Recommendation> advice = advise(
                tier(0, "cheap", 40, 20, 80, "0.04", Map.of(1, 40L, 2, 40L), Map.of(1, 15L, 2, 5L)),
                tier(1, "capable", 20, 12, 60, "0.60", Map.of(1, 20L, 2, 10L, 3, 10L, 4, 8L, 5, 6L, 6, 6L),
                        Map.of(1, 10L, 2, 2L)));

        assertThat(advice).filteredOn(r -> r.type() == Type.LOWER_MAX_ATTEMPTS).singleElement().satisfies(r -> {
            assertThat(r.tier()).isEqualTo("capable");
            assertThat(r.message()).isEqualTo("Lower maxAttempts of capable from 6 to 2: its 30 attempts after attempt 2"
                    + " never succeeded.");
            assertThat(r.evidence()).containsEntry("attemptsBeyond", 30L).containsEntry("lastSuccessfulAttempt", 2);
        });
    }

    @Test
    void aTierCostingMorePerResolvedItemThanTheNextIsFlagged() {
        // cheap: $0.50 for 25 resolved = $0.02 each; capable: $0.10 for 10 resolved = $0.01 each
        List<Recommendation> advice = advise(
                tier(0, "cheap", 40, 25, 80, "0.50", Map.of(1, 40L, 2, 40L), Map.of(1, 20L, 2, 5L)),
                tier(1, "capable", 15, 10, 20, "0.10", Map.of(1, 15L, 2, 5L), Map.of(1, 8L, 2, 2L)));

        assertThat(advice).filteredOn(r -> r.type() == Type.COSTLIER_THAN_NEXT_TIER).singleElement().satisfies(r -> {
            assertThat(r.tier()).isEqualTo("cheap");
            assertThat(r.message()).isEqualTo("cheap costs $0.02 per resolved item, more than capable's $0.01: consider"
                    + " skipping cheap.");
            assertThat(r.evidence()).containsEntry("nextTier", "capable");
        });
    }

    @Test
    void aTierCheaperPerResolvedItemThanTheNextIsNotFlagged() {
        List<Recommendation> advice = advise(
                tier(0, "cheap", 40, 25, 80, "0.05", Map.of(1, 40L, 2, 40L), Map.of(1, 20L, 2, 5L)),
                tier(1, "capable", 15, 10, 20, "0.50", Map.of(1, 15L, 2, 5L), Map.of(1, 8L, 2, 2L)));

        assertThat(advice).extracting(Recommendation::type).doesNotContain(Type.COSTLIER_THAN_NEXT_TIER);
    }
}
