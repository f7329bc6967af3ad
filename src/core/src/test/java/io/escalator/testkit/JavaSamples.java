package io.escalator.testkit;

/** A small class under test and JUnit 5 test classes for it, as the test-gen workflow and the tests gate see them. */
public final class JavaSamples {

    public static final String CALCULATOR_CLASS = "demo.Calculator";
    /** Lines 4-6: add; 8-13: divide (line 10 throws); 15-17: absolute. */
    public static final String CALCULATOR = """
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

                public int absolute(int a) {
                    return a < 0 ? -a : a;
                }
            }
            """;

    /** Two tests of add, two assertions each. */
    public static final String ADD_TESTS = testClass("CalculatorAddTest", """
                @Test
                void addsPositives() {
                    assertEquals(5, calculator.add(2, 3));
                    assertEquals(0, calculator.add(0, 0));
                }

                @Test
                void addsNegatives() {
                    assertEquals(-1, calculator.add(2, -3));
                    assertEquals(-5, calculator.add(-2, -3));
                }
            """);

    /** Both branches of divide, two assertions per test. */
    public static final String DIVIDE_TESTS = testClass("CalculatorDivideTest", """
                @Test
                void divides() {
                    assertEquals(3, calculator.divide(7, 2));
                    assertEquals(-2, calculator.divide(-4, 2));
                }

                @Test
                void refusesZero() {
                    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                            () -> calculator.divide(1, 0));
                    assertEquals("division by zero", error.getMessage());
                }
            """);

    /** Both branches of absolute, two assertions per test. */
    public static final String ABSOLUTE_TESTS = testClass("CalculatorAbsoluteTest", """
                @Test
                void keepsPositives() {
                    assertEquals(3, calculator.absolute(3));
                    assertEquals(0, calculator.absolute(0));
                }

                @Test
                void negatesNegatives() {
                    assertEquals(3, calculator.absolute(-3));
                    assertEquals(Integer.MAX_VALUE, calculator.absolute(-Integer.MAX_VALUE));
                }
            """);

    /** A test class with a missing semicolon at line 12. */
    public static final String BROKEN_ADD_TESTS = testClass("CalculatorAddTest", """
                @Test
                void adds() {
                    assertEquals(5, calculator.add(2, 3))
                }
            """);

    private JavaSamples() {
    }

    /** A JUnit 5 test class of package demo with a {@code calculator} field and the given members. */
    public static String testClass(String simpleName, String members) {
        return """
                package demo;

                import static org.junit.jupiter.api.Assertions.*;

                import org.junit.jupiter.api.Test;

                class %s {
                    private final Calculator calculator = new Calculator();

                %s}
                """.formatted(simpleName, members);
    }

    /** An answer as a model writes it: a sentence, then the code in a fence. */
    public static String fenced(String code) {
        return "Here are the tests:\n\n```java\n" + code + "```\n";
    }
}
