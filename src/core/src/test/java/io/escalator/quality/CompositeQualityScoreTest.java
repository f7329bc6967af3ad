package io.escalator.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompositeQualityScoreTest {

    private static double cqs(int syntaxErrors, Double passRate, Double coverage, Double depth, Double confidence) {
        return CompositeQualityScore.of(new Signals(syntaxErrors, passRate, coverage, depth, confidence));
    }

    @Test
    void weighsTheFourSignalsOfTheSeedPlan() {
        // 0.40 x 85 + 0.25 x 78 + 0.20 x min(10 x 5.2, 100) + 0.15 x 92
        // = 34 + 19.5 + 10.4 + 13.8 = 77.7
        assertThat(cqs(0, .85, .78, 5.2, .92)).isEqualTo(77.7);
    }

    @Test
    void anySyntaxErrorHalvesTheScore() {
        // 77.7 x 0.5 = 38.85
        assertThat(cqs(1, .85, .78, 5.2, .92)).isEqualTo(38.85);
        assertThat(cqs(7, .85, .78, 5.2, .92)).isEqualTo(38.85);
    }

    @Test
    void perfectSignalsScoreOneHundred() {
        assertThat(cqs(0, 1.0, 1.0, 10.0, 1.0)).isEqualTo(100);
    }

    @Test
    void assertionQualityIsCappedAtTenAssertionsPerTest() {
        // min(10 x 25, 100) = 100: 25 assertions per test score no better than 10
        assertThat(cqs(0, null, null, 25.0, null)).isEqualTo(100);
        // alone, the signal carries all the weight: min(10 x 5.2, 100) = 52
        assertThat(cqs(0, null, null, 5.2, null)).isEqualTo(52);
    }

    @Test
    void missingSignalsLeaveTheirWeightToThePresentOnes() {
        // (0.40 x 100 + 0.15 x 50) / (0.40 + 0.15) = 47.5 / 0.55 = 86.3636... -> 86.36
        assertThat(cqs(0, 1.0, null, null, 0.5)).isEqualTo(86.36);
    }

    @ParameterizedTest(name = "pass rate {0} alone scores {1}")
    @CsvSource({"0.0, 0", "0.5, 50", "0.75, 75", "1.0, 100"})
    void aSingleSignalScoresItsOwnPercentage(double passRate, double expected) {
        assertThat(cqs(0, passRate, null, null, null)).isEqualTo(expected);
    }

    @Test
    void theRemainingWeightsKeepTheirRelativeSize() {
        // pass rate 1.0 and coverage 0: 0.40 x 100 / (0.40 + 0.25) = 61.538... -> 61.54
        assertThat(cqs(0, 1.0, 0.0, null, null)).isEqualTo(61.54);
        // coverage 1.0 and pass rate 0: 0.25 x 100 / 0.65 = 38.461... -> 38.46
        assertThat(cqs(0, 0.0, 1.0, null, null)).isEqualTo(38.46);
    }

    @Test
    void noSignalAtAllScoresZero() {
        assertThat(cqs(0, null, null, null, null)).isZero();
        assertThat(cqs(3, null, null, null, null)).isZero();
    }

    @Test
    void sharesOutsideZeroToOneAreClamped() {
        assertThat(cqs(0, 1.5, null, null, null)).isEqualTo(100);
        assertThat(cqs(0, -0.2, null, null, null)).isZero();
    }

    @Test
    void aNegativeAssertionDepthCountsAsZeroRatherThanDraggingTheOtherSignalsDown() {
        // (0.40 x 100 + 0.20 x 0) / 0.60 = 66.666... -> 66.67
        assertThat(cqs(0, 1.0, null, -5.0, null)).isEqualTo(66.67);
    }

    @Test
    void theScoreIsRoundedToTwoDecimals() {
        // pass rate 2/3 alone: 66.666... -> 66.67
        double score = cqs(0, 2 / 3.0, null, null, null);

        assertThat(score).isEqualTo(66.67);
        assertThat(score * 100).isCloseTo(Math.rint(score * 100), within(1e-9));
    }
}
