package io.escalator.localstack;

import io.escalator.retention.CleanupService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** The local stack runs the retention job on a schedule, as the EventBridge schedule does in AWS. */
@ApplicationScoped
public class CleanupJob {

    private final CleanupService cleanup;

    public CleanupJob(CleanupService cleanup) {
        this.cleanup = cleanup;
    }

    @Scheduled(every = "${escalator.retention.cleanup-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void clean() {
        cleanup.clean();
    }
}
