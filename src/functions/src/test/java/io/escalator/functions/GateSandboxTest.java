package io.escalator.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.aws.LambdaTestSandbox;
import io.escalator.config.EscalatorConfig;
import io.escalator.quality.GateSandbox;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The executeTier function configured as template.yaml configures it runs generated tests in the runGate function:
 * the application's sandbox replaces the engine's default child JVM.
 */
@QuarkusTest
@TestProfile(GateSandboxTest.AsDeployed.class)
@WithTestResource(FunctionsTestEnvironment.class)
class GateSandboxTest {

    static final String GATE_ALIAS = "arn:aws:lambda:us-east-1:123456789012:function:escalator-runGate:live";

    public static class AsDeployed extends ExportedFunction {
        @Override
        protected String function() {
            return "executeTier";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("escalator.sandbox.runner", "lambda");
            overrides.put("escalator.sandbox.function", GATE_ALIAS);
            return overrides;
        }
    }

    @Inject
    GateSandbox gates;
    @Inject
    EscalatorConfig config;

    @Test
    void gatesRunInTheGateFunctionWithTheConfiguredTimeLimit() {
        assertThat(gates.sandbox()).isInstanceOf(LambdaTestSandbox.class);
        assertThat(gates.timeout()).isEqualTo(config.sandbox().testTimeout());
    }
}
