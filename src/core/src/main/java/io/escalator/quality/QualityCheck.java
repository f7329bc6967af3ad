package io.escalator.quality;

import java.util.List;

/** What the gates made of one answer: each gate's verdict, the signals, and the CQS. */
public record QualityCheck(List<GateResult> gates, Signals signals, double cqs) {

    /**
     * Runs every gate on the answer. The share of gates passed is the pass-rate signal; the reviewer's confidence,
     * when there was a reviewer, is the confidence signal.
     */
    public static QualityCheck of(List<Gate> gates, String answer, Double reviewerConfidence) {
        List<GateResult> results = gates.stream().map(gate -> gate.check(answer)).toList();
        int syntaxErrors = results.stream().mapToInt(GateResult::syntaxErrors).sum();
        Double passRate = results.isEmpty() ? null
                : results.stream().filter(GateResult::passed).count() / (double) results.size();
        Signals signals = new Signals(syntaxErrors, passRate, null, null, reviewerConfidence);
        return new QualityCheck(results, signals, CompositeQualityScore.of(signals));
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
