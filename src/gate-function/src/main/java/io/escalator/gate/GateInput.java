package io.escalator.gate;

import io.escalator.sandbox.JavaTestRun;
import java.util.ArrayList;
import java.util.List;

/** Checks the function's input before anything is compiled or run. */
final class GateInput {

    private GateInput() {
    }

    /** @throws InvalidGateInputException naming every missing or wrong field */
    static JavaTestRun validated(JavaTestRun run) {
        if (run == null) {
            throw new InvalidGateInputException(List.of("the input is missing: expected a JSON object with "
                    + "classUnderTest, classSource, testClass, testSource and timeout"));
        }
        List<String> problems = new ArrayList<>();
        requireText("classUnderTest", run.classUnderTest(), problems);
        requireText("classSource", run.classSource(), problems);
        requireText("testClass", run.testClass(), problems);
        requireText("testSource", run.testSource(), problems);
        if (run.timeout() == null) {
            problems.add("timeout is missing: expected an ISO-8601 duration such as \"PT30S\"");
        } else if (run.timeout().isNegative() || run.timeout().isZero()) {
            problems.add("timeout must be positive, was " + run.timeout());
        }
        if (!problems.isEmpty()) {
            throw new InvalidGateInputException(problems);
        }
        return run;
    }

    private static void requireText(String field, String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is missing or blank");
        }
    }
}
