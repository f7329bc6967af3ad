package io.escalator.quality;

import io.escalator.sandbox.JavaTestResult;
import io.escalator.sandbox.JavaTestResult.Diagnostic;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The verdict of a gate that ran tests in the sandbox. It passes when the run completed and every test passed. Its
 * message, for the failure history the next model reads and for people, says what went wrong and where: the syntax or
 * compile errors with their lines, why the run failed, or how many tests passed, what the failing ones said, and the
 * lines of the code that matters that no test reached.
 */
final class TestRunVerdict {

    static final int SHOWN = 5;

    private TestRunVerdict() {
    }

    /**
     * @param measures       the run's measures of the code that matters (the whole class, or one method's lines)
     * @param uncoveredLines that code's executable lines no test reached
     */
    static GateResult of(String type, JavaTestResult result, TestMeasures measures, List<Integer> uncoveredLines) {
        boolean passed = result.failure() == null && result.testsRun() > 0 && result.testsPassed() == result.testsRun();
        String message = summary(result);
        if (result.testsRun() > 0 && !uncoveredLines.isEmpty()) {
            message += "; lines not covered: " + uncoveredLines.stream().map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        return new GateResult(type, passed, message, result.syntaxErrors().size(), measures);
    }

    private static String summary(JavaTestResult result) {
        if (!result.syntaxErrors().isEmpty()) {
            return result.syntaxErrors().size() + " syntax error(s): " + lines(result.syntaxErrors());
        }
        if (!result.compileErrors().isEmpty()) {
            return "does not compile: " + lines(result.compileErrors());
        }
        if (result.failure() != null) {
            return "the test run failed: " + result.failure();
        }
        String passed = result.testsPassed() + " of " + result.testsRun() + " tests passed";
        if (result.testFailures().isEmpty()) {
            return passed;
        }
        return passed + "; failing: " + result.testFailures().stream().limit(SHOWN)
                .map(failure -> failure.test() + ": " + failure.message())
                .collect(Collectors.joining("; ")) + more(result.testFailures().size());
    }

    private static String lines(List<Diagnostic> diagnostics) {
        return diagnostics.stream().limit(SHOWN)
                .map(diagnostic -> diagnostic.source() + " line " + diagnostic.line() + ": " + diagnostic.message())
                .collect(Collectors.joining("; ")) + more(diagnostics.size());
    }

    private static String more(int count) {
        return count > SHOWN ? " (and " + (count - SHOWN) + " more)" : "";
    }
}
