package io.escalator.sandbox;

import java.util.List;
import java.util.Set;

/**
 * What happened when tests ran in the sandbox. Every message is fit to show the next model (it says what failed and
 * where) and to show a person.
 *
 * @param syntaxErrors      syntax errors in the test source, each with its line
 * @param compileErrors     compiler errors, each with its line (empty when it compiled)
 * @param testsRun          tests the JUnit Platform ran
 * @param testsPassed       of those, the ones that passed
 * @param testFailures      each failing test with its message (expected/actual when an assertion says so)
 * @param lineCoverage      share of the class under test's lines the tests ran, 0..1 ({@code null} when nothing ran)
 * @param branchCoverage    the same for branches ({@code null} when the class has no branch or nothing ran)
 * @param coveredLines      line numbers of the class under test's executable lines the tests reached
 * @param uncoveredLines    line numbers of the class under test's executable lines no test reached
 * @param assertionsPerTest assertions per test method, counted on the test source's syntax tree
 * @param failure           why the run itself failed (timeout, crash, exit, forbidden API, too much output), or
 *                          {@code null}
 * @param output            the tests' own output, truncated
 * @param timings           where the time went
 */
public record JavaTestResult(
        List<Diagnostic> syntaxErrors,
        List<Diagnostic> compileErrors,
        int testsRun,
        int testsPassed,
        List<TestFailure> testFailures,
        Double lineCoverage,
        Double branchCoverage,
        List<Integer> coveredLines,
        List<Integer> uncoveredLines,
        double assertionsPerTest,
        String failure,
        String output,
        Timings timings) {

    /** A problem at a line of a source: {@code line} is 1-based, 0 when unknown. */
    public record Diagnostic(String source, int line, String message) {
    }

    public record TestFailure(String test, String message) {
    }

    /** Milliseconds spent in each phase. */
    public record Timings(long parseMs, long compileMs, long runMs, long coverageMs) {
    }

    /**
     * Line coverage of a part of the class under test (a method's lines, say): the share of its executable lines the
     * tests reached; {@code null} when nothing was measured or the part has no executable line.
     */
    public Double lineCoverage(Set<Integer> part) {
        long covered = coveredLines.stream().filter(part::contains).count();
        long uncovered = uncoveredLines(part).size();
        return covered + uncovered == 0 ? null : (double) covered / (covered + uncovered);
    }

    /** The executable lines of a part of the class under test that no test reached, in order. */
    public List<Integer> uncoveredLines(Set<Integer> part) {
        return uncoveredLines.stream().filter(part::contains).toList();
    }

    /** Share of tests that passed, 0 when none ran. */
    public double passRate() {
        return testsRun == 0 ? 0 : (double) testsPassed / testsRun;
    }
}
