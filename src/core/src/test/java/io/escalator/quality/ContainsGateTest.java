package io.escalator.quality;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainsGateTest {

    private final ContainsGate gate = new ContainsGate("Paris");

    @ParameterizedTest
    @ValueSource(strings = {"Paris", "The capital is Paris.", "Paris, then Lyon"})
    void passesWhenTheTextAppearsAnywhere(String answer) {
        GateResult result = gate.check(answer);

        assertThat(result.passed()).isTrue();
        assertThat(result.type()).isEqualTo("contains");
        assertThat(result.syntaxErrors()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"paris", "PARIS", "Pari s", ""})
    void isCaseSensitive(String answer) {
        assertThat(gate.check(answer).passed()).isFalse();
    }

    @Test
    void failureNamesTheRequiredText() {
        assertThat(gate.check("Lyon").message()).isEqualTo("answer does not contain the required text \"Paris\"");
    }
}
