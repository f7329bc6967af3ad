package io.escalator.quality;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EqualsGateTest {

    private final EqualsGate gate = new EqualsGate("42");

    @ParameterizedTest
    @ValueSource(strings = {"42", "  42", "42\n", "\t42  \n"})
    void passesOnTheValueWhateverTheSurroundingWhitespace(String answer) {
        GateResult result = gate.check(answer);

        assertThat(result.passed()).isTrue();
        assertThat(result.type()).isEqualTo("equals");
    }

    @Test
    void theExpectedValueIsTrimmedToo() {
        assertThat(new EqualsGate(" 42\n").check("42").passed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4 2", "421", "The answer is 42", "forty-two", ""})
    void failsOnAnythingElse(String answer) {
        assertThat(gate.check(answer).passed()).isFalse();
    }

    @Test
    void theFailureMessageNeverRevealsTheExpectedValue() {
        EqualsGate secret = new EqualsGate("swordfish");

        GateResult result = secret.check("password");

        assertThat(result.passed()).isFalse();
        assertThat(result.message()).doesNotContain("swordfish").contains("password").contains("not the expected value");
    }

    @Test
    void theFailureMessageShowsALongAnswerShortened() {
        String answer = "x".repeat(500);

        String message = gate.check(answer).message();

        assertThat(message).contains("x".repeat(200) + "...").doesNotContain("x".repeat(201));
    }
}
