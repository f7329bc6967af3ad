package io.escalator.local;

import io.escalator.engine.RunOrchestrator;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Runs are driven in process unless the application provides another orchestrator (Step Functions in AWS). */
public class LocalOrchestratorProducer {

    @Produces
    @Singleton
    @DefaultBean
    RunOrchestrator localDriver(LocalDriver driver) {
        return driver;
    }
}
