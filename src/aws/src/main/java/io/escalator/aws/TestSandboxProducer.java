package io.escalator.aws;

import io.escalator.config.EscalatorConfig;
import io.escalator.config.EscalatorConfig.Sandbox.Runner;
import io.escalator.sandbox.ChildJvmTestSandbox;
import io.escalator.sandbox.TestSandbox;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.function.Supplier;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Where generated tests run is configuration ({@code escalator.sandbox.runner}), not a different build: a child JVM
 * of this process ({@code local}), or the runGate Lambda function ({@code lambda}, named by
 * {@code escalator.sandbox.function}).
 */
public class TestSandboxProducer {

    @Produces
    @Singleton
    TestSandbox sandbox(EscalatorConfig config, Instance<ChildJvmTestSandbox> childJvm, Instance<LambdaClient> lambda) {
        return choose(config.sandbox(), childJvm::get, lambda::get);
    }

    /** The lambda runner without its function stops the application when it starts, not at its first gate. */
    void checkRunner(@Observes StartupEvent event, EscalatorConfig config) {
        if (config.sandbox().runner() == Runner.LAMBDA) {
            gateFunction(config.sandbox());
        }
    }

    static TestSandbox choose(EscalatorConfig.Sandbox config, Supplier<ChildJvmTestSandbox> childJvm,
                              Supplier<LambdaClient> lambda) {
        return switch (config.runner()) {
            case LOCAL -> childJvm.get();
            case LAMBDA -> {
                String function = gateFunction(config);
                yield new LambdaTestSandbox(lambda.get(), function, config.testTimeout());
            }
        };
    }

    private static String gateFunction(EscalatorConfig.Sandbox config) {
        return config.function().filter(function -> !function.isBlank()).orElseThrow(() -> new IllegalStateException(
                "escalator.sandbox.runner is lambda but escalator.sandbox.function is not set: it names the runGate "
                        + "function (its name, ARN or alias ARN)"));
    }
}
