package io.escalator.aws;

import io.escalator.config.EscalatorConfig;
import io.escalator.engine.RunOrchestrator;
import io.escalator.local.LocalDriver;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Which orchestrator drives runs is configuration ({@code escalator.orchestrator}), not a different build. */
public class OrchestratorProducer {

    @Produces
    @Singleton
    RunOrchestrator orchestrator(EscalatorConfig config, Instance<LocalDriver> local,
                                 Instance<StepFunctionsOrchestrator> stepFunctions) {
        return switch (config.orchestrator()) {
            case LOCAL -> local.get();
            case STEP_FUNCTIONS -> stepFunctions.get();
        };
    }
}
