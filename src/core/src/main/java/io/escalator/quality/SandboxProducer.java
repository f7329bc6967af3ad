package io.escalator.quality;

import io.escalator.config.EscalatorConfig;
import io.escalator.sandbox.ChildJvmTestSandbox;
import io.escalator.sandbox.SandboxOptions;
import io.escalator.sandbox.TestSandbox;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

/**
 * Generated code runs in a child JVM of this process unless the application provides another sandbox (the runGate
 * Lambda function in AWS, chosen by {@code escalator.sandbox.runner}).
 */
public class SandboxProducer {

    /** Typed to its class only, so that it is not itself a candidate wherever a {@link TestSandbox} is injected. */
    @Produces
    @Singleton
    @Typed(ChildJvmTestSandbox.class)
    ChildJvmTestSandbox childJvmSandbox(EscalatorConfig config) {
        SandboxOptions defaults = SandboxOptions.defaults();
        return new ChildJvmTestSandbox(config.sandbox().workDir().map(defaults::withWorkDir).orElse(defaults));
    }

    @Produces
    @Singleton
    @DefaultBean
    TestSandbox sandbox(ChildJvmTestSandbox childJvm) {
        return childJvm;
    }

    @Produces
    @Singleton
    GateSandbox gateSandbox(TestSandbox sandbox, EscalatorConfig config) {
        return new GateSandbox(sandbox, config.sandbox().testTimeout());
    }
}
