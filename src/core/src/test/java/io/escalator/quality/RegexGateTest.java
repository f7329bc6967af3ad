package io.escalator.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegexGateTest {

    @ParameterizedTest(name = "/{0}/ finds a match in \"{1}\"")
    @CsvSource({
            "\\d{3}, 'call 555 now'",
            "^Answer:, 'Answer: yes'",
            "yes$, 'Answer: yes'",
            "(?i)paris, 'PARIS'"})
    void passesWhenThePatternIsFoundAnywhere(String pattern, String answer) {
        GateResult result = RegexGate.of(pattern).check(answer);

        assertThat(result.passed()).isTrue();
        assertThat(result.message()).isEqualTo("answer matches /" + pattern + "/");
    }

    @Test
    void failsWhenThePatternIsNowhere() {
        GateResult result = RegexGate.of("\\d+").check("no digits here");

        assertThat(result.passed()).isFalse();
        assertThat(result.type()).isEqualTo("regex");
        assertThat(result.message()).isEqualTo("answer does not match the pattern /\\d+/");
    }

    @Test
    void aCatastrophicPatternFailsTheGateInsteadOfHanging() {
        // JDK 25 memoises (a+)+$ down to quadratic time: on 100,001 characters that is still minutes of matching
        String answer = "a".repeat(100_000) + "b";

        GateResult result = RegexGate.of("(a+)+$").check(answer);

        assertThat(result.passed()).isFalse();
        assertThat(result.message()).isEqualTo("matching /(a+)+$/ took longer than 200 ms and was stopped");
    }

    @Test
    void anExponentialPatternFailsTheGateWithinItsOwnTimeLimit() {
        // (x+x+)+y on x's without a y backtracks exponentially
        RegexGate gate = new RegexGate("(x+x+)+y", Pattern.compile("(x+x+)+y"), Duration.ofMillis(20));

        GateResult result = gate.check("x".repeat(5_000));

        assertThat(result.passed()).isFalse();
        assertThat(result.message()).isEqualTo("matching /(x+x+)+y/ took longer than 20 ms and was stopped");
    }

    @Test
    void aPatternThatRecursesTooDeepFailsTheGateInsteadOfThrowing() {
        // java.util.regex recurses once per repetition of (.|\n): a long answer overflows the stack
        String answer = "line of text\n".repeat(20_000);

        GateResult result = RegexGate.of("(.|\\n)*END").check(answer);

        assertThat(result.passed()).isFalse();
        assertThat(result.message()).startsWith("matching /(.|\\n)*END/ needed more recursion than allowed")
                .contains(answer.length() + " characters");
    }
}
