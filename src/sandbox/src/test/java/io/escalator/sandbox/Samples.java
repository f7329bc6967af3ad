package io.escalator.sandbox;

import java.time.Duration;

/** Sources the tests run through the sandbox. */
final class Samples {

    static final String CALCULATOR = """
            package demo;

            public class Calculator {
                public int add(int a, int b) {
                    return a + b;
                }

                public int divide(int a, int b) {
                    if (b == 0) {
                        throw new IllegalArgumentException("division by zero");
                    }
                    return a / b;
                }

                public int abs(int a) {
                    return a < 0 ? -a : a;
                }

                public void quit() {
                    System.exit(7);
                }

                public long[] hog() {
                    java.util.List<long[]> all = new java.util.ArrayList<>();
                    while (true) {
                        all.add(new long[1_000_000]);
                    }
                }
            }
            """;

    private Samples() {
    }

    static JavaTestRun calculatorTest(String body) {
        return calculatorTest(body, Duration.ofSeconds(20));
    }

    static JavaTestRun calculatorTest(String body, Duration timeout) {
        return new JavaTestRun("demo.Calculator", CALCULATOR, "demo.CalculatorTest", """
                package demo;

                import static org.junit.jupiter.api.Assertions.*;

                import org.junit.jupiter.api.Test;

                class CalculatorTest {
                    private final Calculator calculator = new Calculator();

                %s
                }
                """.formatted(body.indent(4)), timeout);
    }
}
