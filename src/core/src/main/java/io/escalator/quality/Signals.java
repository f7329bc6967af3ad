package io.escalator.quality;

/**
 * The measured signals of one attempt. A workflow measures what it can; a signal it cannot measure is
 * {@code null} and carries no weight in the CQS.
 *
 * @param syntaxErrors   syntax errors found in the answer
 * @param testPassRate   share of checks (gates, tests) passed, 0..1
 * @param coverage       line coverage of the code under test, 0..1
 * @param assertionDepth assertions per test
 * @param confidence     the reviewer's confidence, 0..1
 */
public record Signals(int syntaxErrors, Double testPassRate, Double coverage, Double assertionDepth, Double confidence) {

    public Signals withConfidence(Double reviewerConfidence) {
        return new Signals(syntaxErrors, testPassRate, coverage, assertionDepth, reviewerConfidence);
    }

    /** Share of checks that failed; 0 when nothing was checked. */
    public double failureRate() {
        return testPassRate == null ? 0 : 1 - testPassRate;
    }
}
