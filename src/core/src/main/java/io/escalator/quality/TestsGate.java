package io.escalator.quality;

import io.escalator.sandbox.JavaSources;
import io.escalator.sandbox.JavaTestResult;
import io.escalator.sandbox.JavaTestRun;

/**
 * Runs given JUnit 5 tests against the answer, which must be a Java class (code-fix and implementation tasks), in the
 * sandbox. It passes when every test passes; the share of tests passing and the coverage of the answer's class are its
 * measures (the tests' assertions are not: the tests are the same for every answer).
 *
 * @param testClass the tests' fully qualified class name
 */
public record TestsGate(String tests, String testClass, GateSandbox sandbox) implements Gate {

    public static final String TYPE = "tests";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public GateResult check(String answer) {
        String code = JavaCode.of(answer);
        String className;
        try {
            className = JavaSources.className(code);
        } catch (IllegalArgumentException e) {
            return new GateResult(TYPE, false, "the answer is not a Java class: " + e.getMessage(), 1,
                    new TestMeasures(0, 0.0, null));
        }
        JavaTestResult result = sandbox.sandbox().run(new JavaTestRun(className, code, testClass, tests,
                sandbox.timeout()));
        return TestRunVerdict.of(TYPE, result, TestMeasures.ofGivenTests(result), result.uncoveredLines());
    }
}
