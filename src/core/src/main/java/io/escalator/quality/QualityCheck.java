package io.escalator.quality;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Function;

/** What the gates made of one answer: each gate's verdict, the signals, and the CQS. */
public record QualityCheck(List<GateResult> gates, Signals signals, double cqs) {

    /**
     * Runs every gate on the answer. The share of gates passed (a gate that runs tests counts the share of its tests)
     * is the pass-rate signal; the gates that run tests give the coverage and assertion-depth signals (their mean when
     * there are several); the reviewer's confidence, when there was a reviewer, is the confidence signal.
     */
    public static QualityCheck of(List<Gate> gates, String answer, Double reviewerConfidence) {
        return of(gates, answer, null, reviewerConfidence);
    }

    /** The same, for an answer whose origin is known ({@code null}: not known). */
    public static QualityCheck of(List<Gate> gates, String answer, AnswerOrigin origin, Double reviewerConfidence) {
        List<GateResult> results = gates.stream()
                .map(gate -> origin == null ? gate.check(answer) : gate.check(answer, origin))
                .toList();
        int syntaxErrors = results.stream().mapToInt(GateResult::syntaxErrors).sum();
        Double passRate = results.isEmpty() ? null
                : results.stream().mapToDouble(GateResult::passedShare).sum() / results.size();
        List<TestMeasures> tests = results.stream().map(GateResult::tests).filter(Objects::nonNull).toList();
        Signals signals = new Signals(syntaxErrors, passRate, mean(tests, TestMeasures::coverage),
                mean(tests, TestMeasures::assertionDepth), reviewerConfidence);
        return new QualityCheck(results, signals, CompositeQualityScore.of(signals));
    }

    /** The mean of a measure over the gates that have it; {@code null} when none has. */
    private static Double mean(List<TestMeasures> tests, Function<TestMeasures, Double> measure) {
        OptionalDouble mean = tests.stream().map(measure).filter(Objects::nonNull).mapToDouble(Double::doubleValue)
                .average();
        return mean.isPresent() ? mean.getAsDouble() : null;
    }

    /** The same verdict with the reviewer's confidence as the confidence signal. */
    public QualityCheck withConfidence(Double reviewerConfidence) {
        Signals withConfidence = signals.withConfidence(reviewerConfidence);
        return new QualityCheck(gates, withConfidence, CompositeQualityScore.of(withConfidence));
    }

    /** An attempt that produced no answer (the model failed): every gate fails with the reason. */
    public static QualityCheck noAnswer(List<Gate> gates, String reason) {
        List<GateResult> results = gates.stream()
                .map(gate -> GateResult.fail(gate.type(), "not checked: no answer (" + reason + ")"))
                .toList();
        Signals signals = new Signals(0, results.isEmpty() ? null : 0.0, null, null, null);
        return new QualityCheck(results, signals, 0);
    }
}
