package io.escalator.quality;

import io.escalator.sandbox.JavaSources;
import io.escalator.sandbox.JavaTestResult;
import io.escalator.sandbox.JavaTestRun;
import java.util.Set;

/**
 * Runs the answer, a JUnit 5 test class, against a given class in the sandbox. It passes when every test passes;
 * the share of tests passing, the coverage of the method under test's lines and the tests' assertions are its
 * measures.
 *
 * @param testClass   the test class's expected fully qualified name; an answer that parses is run under its own
 * @param methodLines the lines of the method under test (every overload)
 */
public record GeneratedTestsGate(String classUnderTest, String classSource, String testClass, Set<Integer> methodLines,
                                 GateSandbox sandbox) implements Gate {

    public static final String TYPE = "generated-tests";

    public GeneratedTestsGate {
        methodLines = Set.copyOf(methodLines);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public GateResult check(String answer) {
        String tests = JavaCode.of(answer);
        JavaTestResult result = sandbox.sandbox().run(new JavaTestRun(classUnderTest, classSource, namedIn(tests),
                tests, sandbox.timeout()));
        return TestRunVerdict.of(TYPE, result, TestMeasures.ofGeneratedTests(result, result.lineCoverage(methodLines)),
                result.uncoveredLines(methodLines));
    }

    /** The class the answer declares; the expected name when it does not parse (the sandbox reports why). */
    private String namedIn(String tests) {
        try {
            return JavaSources.className(tests);
        } catch (IllegalArgumentException e) {
            return testClass;
        }
    }
}
