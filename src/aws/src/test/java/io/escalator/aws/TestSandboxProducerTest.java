package io.escalator.aws;

import static io.escalator.aws.TestRuns.LONGEST_RUN;
import static io.escalator.aws.TestRuns.greeterTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.config.EscalatorConfig;
import io.escalator.sandbox.ChildJvmTestSandbox;
import io.escalator.sandbox.TestSandbox;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The sandbox an application gets, chosen by its configuration. */
class TestSandboxProducerTest {

    private static final String MISSING_FUNCTION = "escalator.sandbox.runner is lambda but escalator.sandbox.function "
            + "is not set: it names the runGate function (its name, ARN or alias ARN)";

    @Test
    void byDefaultTestsRunInAChildJvmOfThisProcess() {
        ChildJvmTestSandbox childJvm = new ChildJvmTestSandbox();

        assertThat(TestSandboxProducer.choose(config(Map.of()).sandbox(), () -> childJvm, unused())).isSameAs(childJvm);
    }

    @Test
    void theLambdaRunnerInvokesTheConfiguredFunction() {
        EscalatorConfig config = config(Map.of("escalator.sandbox.runner", "lambda",
                "escalator.sandbox.function", "escalator-runGate", "escalator.sandbox.test-timeout", "PT30S"));
        try (LambdaInvokeStandIn lambda = LambdaInvokeStandIn.start(new ChildJvmTestSandbox())) {
            TestSandbox sandbox = TestSandboxProducer.choose(config.sandbox(), unused(), lambda::client);

            assertThat(sandbox).isInstanceOf(LambdaTestSandbox.class);
            // a compile error: answered without starting a child JVM
            assertThat(sandbox.run(greeterTest("void broken() { return 1; }", LONGEST_RUN)).compileErrors()).isNotEmpty();
            assertThat(lambda.calls()).singleElement()
                    .satisfies(call -> assertThat(call.function()).isEqualTo("escalator-runGate"));
        }
    }

    @Test
    void theLambdaRunnerWithoutItsFunctionStopsTheApplicationAtStartUp() {
        EscalatorConfig config = config(Map.of("escalator.sandbox.runner", "lambda"));

        assertThatThrownBy(() -> new TestSandboxProducer().checkRunner(null, config))
                .isInstanceOf(IllegalStateException.class).hasMessage(MISSING_FUNCTION);
        assertThatThrownBy(() -> TestSandboxProducer.choose(config.sandbox(), unused(), unused()))
                .isInstanceOf(IllegalStateException.class).hasMessage(MISSING_FUNCTION);
        new TestSandboxProducer().checkRunner(null, config(Map.of()));
    }

    /** The engine's configuration as SmallRye Config maps these properties (and the defaults). */
    private static EscalatorConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withMapping(EscalatorConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build()
                .getConfigMapping(EscalatorConfig.class);
    }

    private static <T> Supplier<T> unused() {
        return () -> {
            throw new AssertionError("this sandbox should not have been asked for");
        };
    }
}
