package io.escalator.quality;

import static io.escalator.testkit.JavaSamples.ADD_TESTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.sandbox.JavaSources;
import io.escalator.testkit.JavaSamples;
import io.escalator.testkit.TestSandboxes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code tests} gate: given JUnit tests run against the model's Java answer, in real child JVMs. */
class TestsGateTest {

    private final TestsGate gate = new TestsGate(ADD_TESTS, JavaSources.className(ADD_TESTS), TestSandboxes.GATES);

    @Test
    void aCorrectImplementationPassesWithItsCoverage() {
        QualityCheck check = QualityCheck.of(List.of(gate), JavaSamples.fenced(JavaSamples.CALCULATOR), null);

        assertThat(check.gates().getFirst().passed()).as(check.gates().getFirst().message()).isTrue();
        assertThat(check.signals().testPassRate()).isEqualTo(1.0);
        // the whole answer class: the tests reach the constructor and add, not divide or absolute
        assertThat(check.signals().coverage()).isEqualTo(2 / 6.0);
        // the given tests are the same for every answer: their assertions say nothing about it
        assertThat(check.signals().assertionDepth()).isNull();
    }

    @Test
    void aWrongImplementationScoresTheShareOfTestsItPasses() {
        // right for positive numbers only: addsPositives passes, addsNegatives does not
        String absoluteSum = JavaSamples.CALCULATOR.replace("return a + b;", "return Math.abs(a) + Math.abs(b);");

        QualityCheck check = QualityCheck.of(List.of(gate), absoluteSum, null);

        GateResult result = check.gates().getFirst();
        assertThat(result.passed()).isFalse();
        assertThat(result.message()).startsWith("1 of 2 tests passed; failing: CalculatorAddTest.addsNegatives")
                .contains("expected: <-1> but was: <5>");
        assertThat(check.signals().testPassRate()).isEqualTo(0.5);
    }

    @Test
    void anAnswerThatIsNotJavaIsASyntaxError() {
        GateResult result = gate.check("I would add the two numbers.");

        assertThat(result.passed()).isFalse();
        assertThat(result.syntaxErrors()).isEqualTo(1);
        assertThat(result.message()).startsWith("the answer is not a Java class:");
        assertThat(result.passedShare()).isZero();
    }
}
