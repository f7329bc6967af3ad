package io.escalator.functions;

import io.escalator.retention.CleanupService;
import io.escalator.retention.CleanupService.CleanupReport;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;

/** The retention job as a Lambda function, run by an EventBridge schedule with a fixed input such as {@code {}}. */
@ApplicationScoped
@LambdaBoundary
public class CleanupFunction {

    private final CleanupService cleanupService;

    public CleanupFunction(CleanupService cleanupService) {
        this.cleanupService = cleanupService;
    }

    @Funq
    public CleanupReport cleanup(CleanupInput input) {
        return cleanupService.clean(input.olderThanDays(), input.telemetryOlderThanDays());
    }
}
