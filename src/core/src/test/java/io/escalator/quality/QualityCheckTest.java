package io.escalator.quality;

import static io.escalator.quality.JsonSchemaGateTest.schemaGate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class QualityCheckTest {

    private final List<Gate> gates = List.of(new ContainsGate("Paris"), new EqualsGate("Paris"), RegexGate.of("^P"));

    @Test
    void runsEveryGateInOrder() {
        QualityCheck check = QualityCheck.of(gates, "Paris", null);

        assertThat(check.gates()).extracting(GateResult::type).containsExactly("contains", "equals", "regex");
        assertThat(check.gates()).allMatch(GateResult::passed);
        assertThat(check.cqs()).isEqualTo(100);
    }

    @Test
    void theShareOfGatesPassedIsThePassRate() {
        // contains and regex pass, equals fails: 2/3 -> 66.666... -> 66.67
        QualityCheck check = QualityCheck.of(gates, "Paris, France", null);

        assertThat(check.signals().testPassRate()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(check.signals().failureRate()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(check.cqs()).isEqualTo(66.67);
    }

    @Test
    void theReviewerConfidenceIsTheConfidenceSignal() {
        // (0.40 x 66.667 + 0.15 x 90) / 0.55 = (26.667 + 13.5) / 0.55 = 73.03
        QualityCheck check = QualityCheck.of(gates, "Paris, France", 0.9);

        assertThat(check.signals().confidence()).isEqualTo(0.9);
        assertThat(check.cqs()).isEqualTo(73.03);
    }

    @Test
    void syntaxErrorsOfAllGatesAddUpAndHalveTheScore() {
        List<Gate> twoSchemas = List.of(schemaGate("{\"type\": \"object\"}"), schemaGate("{\"type\": \"array\"}"),
                new ContainsGate("{"));

        // both schema gates fail with a syntax error each; contains passes: 1/3 x 100 x 0.5 = 16.666... -> 16.67
        QualityCheck check = QualityCheck.of(twoSchemas, "{not json", null);

        assertThat(check.signals().syntaxErrors()).isEqualTo(2);
        assertThat(check.cqs()).isEqualTo(16.67);
    }

    @Test
    void withoutGatesOnlyTheReviewerCounts() {
        assertThat(QualityCheck.of(List.of(), "anything", null).signals().testPassRate()).isNull();
        assertThat(QualityCheck.of(List.of(), "anything", null).cqs()).isZero();
        assertThat(QualityCheck.of(List.of(), "anything", 0.8).cqs()).isEqualTo(80);
    }

    @Test
    void noAnswerFailsEveryGateWithTheReason() {
        QualityCheck check = QualityCheck.noAnswer(gates, "timeout after 60 s");

        assertThat(check.gates()).hasSize(3).noneMatch(GateResult::passed)
                .allSatisfy(result -> assertThat(result.message()).isEqualTo("not checked: no answer (timeout after 60 s)"));
        assertThat(check.gates()).extracting(GateResult::type).containsExactly("contains", "equals", "regex");
        assertThat(check.cqs()).isZero();
        assertThat(check.signals().failureRate()).isEqualTo(1.0);
    }
}
