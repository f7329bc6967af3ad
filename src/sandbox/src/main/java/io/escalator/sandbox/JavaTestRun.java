package io.escalator.sandbox;

import java.time.Duration;

/**
 * Tests to run against a class: both as Java source, each a single compilation unit using only the JDK (and JUnit 5
 * for the tests).
 *
 * @param classUnderTest     the class's fully qualified name, e.g. {@code demo.Calculator}
 * @param classSource        its source
 * @param testClass          the test class's fully qualified name, e.g. {@code demo.CalculatorTest}
 * @param testSource         its source
 * @param timeout            wall-clock limit of the test run (the child JVM is killed past it)
 */
public record JavaTestRun(String classUnderTest, String classSource, String testClass, String testSource,
                          Duration timeout) {
}
