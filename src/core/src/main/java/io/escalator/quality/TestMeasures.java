package io.escalator.quality;

import io.escalator.sandbox.JavaTestResult;

/**
 * What a test run measured, for the attempt's signals.
 *
 * @param passRate       share of the tests that passed (0 when none ran)
 * @param coverage       share of the code under test's executable lines the tests reached: 0 when the tests did not
 *                       run to their end, {@code null} when that code has no executable line
 * @param assertionDepth assertions per test, when the tests are the answer; {@code null} when they are given (they are
 *                       the same for every answer, so they say nothing about it)
 */
public record TestMeasures(double passRate, Double coverage, Double assertionDepth) {

    /** The answer is the tests: they are measured by how much of the method they cover and how much they assert. */
    static TestMeasures ofGeneratedTests(JavaTestResult result, Double methodCoverage) {
        return new TestMeasures(result.passRate(), ranToTheEnd(result) ? methodCoverage : Double.valueOf(0),
                result.assertionsPerTest());
    }

    /** The tests are given and the answer is the code: it is measured by how much of it they pass and reach. */
    static TestMeasures ofGivenTests(JavaTestResult result) {
        return new TestMeasures(result.passRate(), ranToTheEnd(result) ? result.lineCoverage() : Double.valueOf(0),
                null);
    }

    private static boolean ranToTheEnd(JavaTestResult result) {
        return result.testsRun() > 0 && result.failure() == null;
    }
}
