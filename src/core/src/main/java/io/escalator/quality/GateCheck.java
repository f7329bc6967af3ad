package io.escalator.quality;

import java.util.List;

/** Checks an answer with a list of gates: the share of gates passed is the pass-rate signal. */
public record GateCheck(List<Gate> gates) implements AnswerCheck {

    @Override
    public QualityCheck check(String answer) {
        return QualityCheck.of(gates, answer, null);
    }

    @Override
    public QualityCheck check(String answer, AnswerOrigin origin) {
        return QualityCheck.of(gates, answer, origin, null);
    }

    @Override
    public QualityCheck noAnswer(String reason) {
        return QualityCheck.noAnswer(gates, reason);
    }
}
