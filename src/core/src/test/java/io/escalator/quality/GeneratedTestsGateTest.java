package io.escalator.quality;

import static io.escalator.testkit.JavaSamples.CALCULATOR;
import static io.escalator.testkit.JavaSamples.CALCULATOR_CLASS;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.sandbox.JavaSources;
import io.escalator.testkit.JavaSamples;
import io.escalator.testkit.TestSandboxes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate of the test-gen workflow, running generated tests in real child JVMs. */
class GeneratedTestsGateTest {

    private static GeneratedTestsGate gateFor(String method) {
        String testClass = CALCULATOR_CLASS + Character.toUpperCase(method.charAt(0)) + method.substring(1) + "Test";
        return new GeneratedTestsGate(CALCULATOR_CLASS, CALCULATOR, testClass,
                JavaSources.methodLines(CALCULATOR, method), TestSandboxes.GATES);
    }

    @Test
    void passingTestsCoveringTheMethodPassWithItsCoverageAndAssertions() {
        QualityCheck check = QualityCheck.of(List.of(gateFor("divide")), JavaSamples.fenced(JavaSamples.DIVIDE_TESTS),
                null);

        GateResult result = check.gates().getFirst();
        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("2 of 2 tests passed");
        assertThat(check.signals().syntaxErrors()).isZero();
        assertThat(check.signals().testPassRate()).isEqualTo(1.0);
        // divide's lines only: the other methods, never called, do not count against it
        assertThat(check.signals().coverage()).isEqualTo(1.0);
        assertThat(check.signals().assertionDepth()).isEqualTo(2.0);
        // (0.40 x 100 + 0.25 x 100 + 0.20 x 20) / 0.85
        assertThat(check.cqs()).isEqualTo(81.18);
    }

    @Test
    void linesOfTheMethodNoTestReachesAreListedAndLowerTheCoverage() {
        String normalCaseOnly = JavaSamples.testClass("CalculatorDivideTest", """
                    @Test
                    void divides() {
                        assertEquals(3, calculator.divide(7, 2));
                    }
                """);

        QualityCheck check = QualityCheck.of(List.of(gateFor("divide")), normalCaseOnly, null);

        assertThat(check.gates().getFirst().passed()).isTrue();
        assertThat(check.gates().getFirst().message()).isEqualTo("1 of 1 tests passed; lines not covered: 10");
        assertThat(check.signals().coverage()).isEqualTo(2 / 3.0);
    }

    @Test
    void aFailingAssertionFailsTheGateWithExpectedAndActual() {
        String wrong = JavaSamples.testClass("CalculatorAddTest", """
                    @Test
                    void adds() {
                        assertEquals(5, calculator.add(2, 3));
                    }

                    @Test
                    void addsWrongly() {
                        assertEquals(6, calculator.add(2, 3));
                    }
                """);

        QualityCheck check = QualityCheck.of(List.of(gateFor("add")), wrong, null);

        GateResult result = check.gates().getFirst();
        assertThat(result.passed()).isFalse();
        assertThat(result.message()).startsWith("1 of 2 tests passed; failing: CalculatorAddTest.addsWrongly")
                .contains("expected: <6> but was: <5>");
        assertThat(check.signals().testPassRate()).isEqualTo(0.5);
    }

    @Test
    void aSyntaxErrorIsCountedWithItsLineAndHalvesTheScore() {
        QualityCheck check = QualityCheck.of(List.of(gateFor("add")), JavaSamples.BROKEN_ADD_TESTS, null);

        GateResult result = check.gates().getFirst();
        assertThat(result.passed()).isFalse();
        assertThat(result.syntaxErrors()).isPositive();
        assertThat(result.message()).contains("syntax error").contains("CalculatorAddTest.java line 12");
        assertThat(check.signals().syntaxErrors()).isPositive();
        assertThat(check.signals().testPassRate()).isZero();
        assertThat(check.signals().coverage()).isZero();
        assertThat(check.cqs()).isZero();
    }

    @Test
    void testsThatDoNotCompileSayWhereWithoutRunning() {
        String unknownMethod = JavaSamples.testClass("CalculatorAddTest", """
                    @Test
                    void multiplies() {
                        assertEquals(6, calculator.multiply(2, 3));
                    }
                """);

        GateResult result = gateFor("add").check(unknownMethod);

        assertThat(result.passed()).isFalse();
        assertThat(result.syntaxErrors()).isZero();
        assertThat(result.message()).startsWith("does not compile: CalculatorAddTest.java line 12:");
        assertThat(result.tests().coverage()).isZero();
    }

    @Test
    void testsThatNeverEndFailWithTheReason() {
        String spinning = JavaSamples.testClass("CalculatorAddTest", """
                    @Test
                    void spins() {
                        while (calculator.add(1, 1) == 2) {
                        }
                    }
                """);
        GeneratedTestsGate gate = new GeneratedTestsGate(CALCULATOR_CLASS, CALCULATOR, "demo.CalculatorAddTest",
                JavaSources.methodLines(CALCULATOR, "add"),
                new GateSandbox(TestSandboxes.CHILD_JVM, java.time.Duration.ofSeconds(3)));

        GateResult result = gate.check(spinning);

        assertThat(result.passed()).isFalse();
        assertThat(result.message()).startsWith("the test run failed: timed out after 3 s");
        assertThat(result.tests().coverage()).isZero();
    }
}
