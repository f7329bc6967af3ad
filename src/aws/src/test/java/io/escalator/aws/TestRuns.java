package io.escalator.aws;

import io.escalator.sandbox.JavaTestRun;
import java.time.Duration;

/** A class and tests of it, as the tier executor hands them to the sandbox. */
final class TestRuns {

    /** The sandboxes' longest time limit in these tests. */
    static final Duration LONGEST_RUN = Duration.ofSeconds(30);

    private TestRuns() {
    }

    /** Tests of {@code demo.Greeter} with this body, given this long. */
    static JavaTestRun greeterTest(String body, Duration timeout) {
        return new JavaTestRun("demo.Greeter", """
                package demo;

                public class Greeter {
                    public String greet(String name) {
                        return "Hello, " + name;
                    }
                }
                """, "demo.GreeterTest", """
                package demo;

                import org.junit.jupiter.api.Assertions;
                import org.junit.jupiter.api.Test;

                class GreeterTest {
                %s}
                """.formatted(body.indent(4)), timeout);
    }
}
