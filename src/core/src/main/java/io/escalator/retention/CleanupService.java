package io.escalator.retention;

import io.escalator.config.EscalatorConfig;
import io.escalator.engine.FinalizeStep;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.store.RunStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The retention job. It deletes runs past their retention (what DynamoDB TTL does in AWS, within a day or two, and
 * DynamoDB Local never does) and cancels runs that waited for approval past their deadline. Safe to run at any time
 * and as often as wanted.
 */
@ApplicationScoped
public class CleanupService {

    private static final Logger LOG = Logger.getLogger(CleanupService.class);
    static final int PAGE = 100;

    private final RunStore store;
    private final FinalizeStep finalizeStep;
    private final Clock clock;
    private final int runDays;

    @Inject
    public CleanupService(RunStore store, FinalizeStep finalizeStep, Clock clock, EscalatorConfig config) {
        this(store, finalizeStep, clock, config.retention().runDays());
    }

    public CleanupService(RunStore store, FinalizeStep finalizeStep, Clock clock, int runDays) {
        this.store = store;
        this.finalizeStep = finalizeStep;
        this.clock = clock;
        this.runDays = runDays;
    }

    /** Runs the job with the configured retention. */
    public CleanupReport clean() {
        return clean(runDays);
    }

    /** Runs the job, deleting runs created more than {@code olderThanDays} days ago. */
    public CleanupReport clean(int olderThanDays) {
        if (olderThanDays < 0) {
            throw new IllegalArgumentException("olderThanDays must be 0 or more, was " + olderThanDays);
        }
        Instant now = clock.instant();
        int cancelled = cancelOverdueApprovals(now);
        Instant cutoff = now.minus(Duration.ofDays(olderThanDays));
        int deleted = 0;
        for (List<Run> page = store.runsCreatedBefore(cutoff, PAGE); !page.isEmpty();
             page = store.runsCreatedBefore(cutoff, PAGE)) {
            for (Run run : page) {
                store.deleteRun(run.id());
                deleted++;
            }
        }
        if (deleted + cancelled > 0) {
            LOG.infof("Cleanup: deleted %d runs created before %s, cancelled %d overdue approvals", deleted, cutoff, cancelled);
        }
        return new CleanupReport(deleted, cancelled);
    }

    private int cancelOverdueApprovals(Instant now) {
        int cancelled = 0;
        for (Run run : store.runsWithStatus(RunStatus.AWAITING_APPROVAL)) {
            if (run.approval().deadline() != null && run.approval().deadline().isBefore(now)) {
                finalizeStep.finalizeRun(run.id(), "the deadline of " + run.approval().deadline() + " passed");
                cancelled++;
            }
        }
        return cancelled;
    }

    /** What a cleanup did. */
    public record CleanupReport(int deletedRuns, int cancelledApprovals) {
    }
}
