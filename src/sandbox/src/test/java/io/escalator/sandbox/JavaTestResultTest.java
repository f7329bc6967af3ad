package io.escalator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JavaTestResultTest {

    private static JavaTestResult covering(List<Integer> covered, List<Integer> uncovered) {
        return new JavaTestResult(List.of(), List.of(), 1, 1, List.of(), 0.5, null, covered, uncovered, 1, null, "",
                new JavaTestResult.Timings(0, 0, 0, 0));
    }

    @Test
    void theCoverageOfAPartCountsOnlyItsExecutableLines() {
        JavaTestResult result = covering(List.of(3, 4, 10), List.of(5, 11, 12));

        // lines 3 and 4 reached, line 5 not
        assertThat(result.lineCoverage(Set.of(3, 4, 5, 6))).isEqualTo(2.0 / 3);
        assertThat(result.uncoveredLines(Set.of(3, 4, 5, 6))).containsExactly(5);
        assertThat(result.lineCoverage(Set.of(10, 11, 12))).isEqualTo(1.0 / 3);
        assertThat(result.uncoveredLines(Set.of(10, 11, 12))).containsExactly(11, 12);
        assertThat(result.lineCoverage(Set.of(20, 21))).isNull();
    }

    @Test
    void thePassRateIsTheShareOfTestsRunThatPassed() {
        assertThat(new JavaTestResult(List.of(), List.of(), 4, 3, List.of(), null, null, List.of(), List.of(), 0, null,
                "", new JavaTestResult.Timings(0, 0, 0, 0)).passRate()).isEqualTo(0.75);
        assertThat(new JavaTestResult(List.of(), List.of(), 0, 0, List.of(), null, null, List.of(), List.of(), 0, null,
                "", new JavaTestResult.Timings(0, 0, 0, 0)).passRate()).isZero();
    }
}
