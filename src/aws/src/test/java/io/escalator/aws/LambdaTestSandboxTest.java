package io.escalator.aws;

import static io.escalator.aws.TestRuns.LONGEST_RUN;
import static io.escalator.aws.TestRuns.greeterTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.sandbox.ChildJvmTestSandbox;
import io.escalator.sandbox.JavaTestResult;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests run through the runGate function, against a stand-in for Lambda's Invoke API that runs them in a real child
 * JVM as the function does.
 */
class LambdaTestSandboxTest {

    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:escalator-runGate:live";
    private static final String PASSING = """
            @Test
            void greetsByName() {
                Assertions.assertEquals("Hello, Ada", new Greeter().greet("Ada"));
            }
            """;

    private LambdaInvokeStandIn lambda;
    private LambdaTestSandbox sandbox;

    @BeforeEach
    void start() {
        lambda = LambdaInvokeStandIn.start(new ChildJvmTestSandbox());
        sandbox = new LambdaTestSandbox(lambda.client(), FUNCTION, LONGEST_RUN);
    }

    @AfterEach
    void stop() {
        lambda.close();
    }

    @Test
    void aRunIsInvokedSynchronouslyAndItsMeasuredResultComesBack() {
        JavaTestResult result = sandbox.run(greeterTest(PASSING, Duration.ofSeconds(20)));

        assertThat(result.failure()).isNull();
        assertThat(result.testsRun()).isEqualTo(1);
        assertThat(result.testsPassed()).isEqualTo(1);
        assertThat(result.lineCoverage()).isEqualTo(1.0);
        assertThat(result.assertionsPerTest()).isEqualTo(1.0);
        assertThat(lambda.calls()).singleElement().satisfies(call -> {
            assertThat(call.function()).isEqualTo(FUNCTION);
            assertThat(call.invocationType()).isEqualTo("RequestResponse");
            assertThat(call.payload().path("testClass").asText()).isEqualTo("demo.GreeterTest");
            assertThat(call.payload().path("timeout").isTextual()).as("ISO-8601 text, whatever the mapper's default").isTrue();
            assertThat(call.payload().path("timeout").asText()).isEqualTo("PT20S");
        });
    }

    @Test
    void aFunctionErrorIsAnExceptionNamingTheFunctionAndTheErrorWithoutItsStackTrace() {
        lambda.failFunction("io.quarkus.funqy.runtime.ApplicationException",
                "io.escalator.gate.InvalidGateInputException: invalid test run: timeout must be positive, was PT0S");

        assertThatThrownBy(() -> sandbox.run(greeterTest(PASSING, Duration.ofSeconds(20))))
                .isInstanceOf(GateFunctionException.class)
                .hasMessage("the runGate function " + FUNCTION + " failed (Unhandled): "
                        + "io.quarkus.funqy.runtime.ApplicationException: io.escalator.gate.InvalidGateInputException: "
                        + "invalid test run: timeout must be positive, was PT0S");
    }

    @Test
    void aCallTheServiceRefusesIsAnExceptionNamingTheFunction() {
        lambda.failService(404, "ResourceNotFoundException", "Function not found: " + FUNCTION);

        assertThatThrownBy(() -> sandbox.run(greeterTest(PASSING, Duration.ofSeconds(20))))
                .isInstanceOf(GateFunctionException.class)
                .hasMessageStartingWith("the runGate function " + FUNCTION + " could not be invoked: Function not found: ");
    }

    @Test
    void aRunLongerThanTheClientWaitsForIsRefusedWithoutACall() {
        assertThatThrownBy(() -> sandbox.run(greeterTest(PASSING, LONGEST_RUN.plusSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a test run in the runGate function may last PT30S at most (escalator.sandbox.test-timeout), "
                        + "not PT31S");
        assertThat(lambda.calls()).isEmpty();
        assertThat(LambdaTestSandbox.readTimeout(LONGEST_RUN)).isGreaterThan(LONGEST_RUN);
    }
}
