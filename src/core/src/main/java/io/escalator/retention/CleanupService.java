package io.escalator.retention;

import io.escalator.analytics.RollupRecorder;
import io.escalator.config.EscalatorConfig;
import io.escalator.engine.FinalizeStep;
import io.escalator.ladder.Ladder;
import io.escalator.report.Savings;
import io.escalator.run.Run;
import io.escalator.run.RunSnapshot;
import io.escalator.run.RunStatus;
import io.escalator.store.RunStore;
import io.escalator.store.TelemetryStore;
import io.escalator.support.Json;
import io.escalator.validation.FieldErrors;
import io.escalator.workflow.Workflows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The retention job. It deletes what DynamoDB TTL deletes in AWS (within a day or two of expiry; DynamoDB Local never
 * does): runs past their retention with everything of them, and telemetry past its own. Before a run goes, its
 * figures are rolled up into its workflow's daily aggregates and history (which never expire), so analytics and
 * estimates survive the deletion. It also cancels runs that waited for approval past their deadline. Safe to run at
 * any time and as often as wanted.
 */
@ApplicationScoped
public class CleanupService {

    private static final Logger LOG = Logger.getLogger(CleanupService.class);
    static final int PAGE = 100;

    private final RunStore store;
    private final TelemetryStore telemetry;
    private final RollupRecorder rollups;
    private final FinalizeStep finalizeStep;
    private final Workflows workflows;
    private final Clock clock;
    private final Retention retention;

    /** How many days runs and telemetry are kept. */
    public record Retention(int runDays, int telemetryDays) {
    }

    /** What a cleanup did. */
    public record CleanupReport(int deletedRuns, int cancelledApprovals, int deletedTelemetry, int rolledUpRuns) {
    }

    @Inject
    public CleanupService(RunStore store, TelemetryStore telemetry, RollupRecorder rollups, FinalizeStep finalizeStep,
                          Workflows workflows, Clock clock, EscalatorConfig config) {
        this(store, telemetry, rollups, finalizeStep, workflows, clock,
                new Retention(config.retention().runDays(), config.retention().telemetryDays()));
    }

    public CleanupService(RunStore store, TelemetryStore telemetry, RollupRecorder rollups, FinalizeStep finalizeStep,
                          Workflows workflows, Clock clock, Retention retention) {
        this.store = store;
        this.telemetry = telemetry;
        this.rollups = rollups;
        this.finalizeStep = finalizeStep;
        this.workflows = workflows;
        this.clock = clock;
        this.retention = retention;
    }

    /** Runs the job with the configured retention. */
    public CleanupReport clean() {
        return clean(null, null);
    }

    /**
     * Runs the job with other retention days (an operator clearing space).
     *
     * @param runDays       delete runs created more than this many days ago; {@code null}: the configured retention
     * @param telemetryDays delete telemetry older than this many days; {@code null}: the configured retention
     * @throws io.escalator.validation.InvalidRequestException when a number of days is negative
     */
    public CleanupReport clean(Integer runDays, Integer telemetryDays) {
        FieldErrors errors = new FieldErrors();
        checkDays("olderThanDays", runDays, errors);
        checkDays("telemetryOlderThanDays", telemetryDays, errors);
        errors.throwIfAny();
        Instant now = clock.instant();
        int cancelled = cancelOverdueApprovals(now);
        Instant runCutoff = now.minus(Duration.ofDays(runDays != null ? runDays : retention.runDays()));
        int rolledUp = 0;
        int deleted = 0;
        for (List<Run> page = store.runsCreatedBefore(runCutoff, PAGE); !page.isEmpty();
             page = store.runsCreatedBefore(runCutoff, PAGE)) {
            for (Run run : page) {
                rolledUp += rollUp(store.load(run.id())) ? 1 : 0;
                store.deleteRun(run.id());
                deleted++;
            }
        }
        Instant telemetryCutoff = now.minus(Duration.ofDays(telemetryDays != null ? telemetryDays : retention.telemetryDays()));
        int deletedTelemetry = workflows.names().stream()
                .mapToInt(workflow -> telemetry.deleteBefore(workflow, telemetryCutoff)).sum();
        if (deleted + cancelled + deletedTelemetry > 0) {
            LOG.infof("Cleanup: deleted %d runs created before %s (%d rolled up first), %d telemetry records before %s;"
                    + " cancelled %d overdue approvals", deleted, runCutoff, rolledUp, deletedTelemetry, telemetryCutoff,
                    cancelled);
        }
        return new CleanupReport(deleted, cancelled, deletedTelemetry, rolledUp);
    }

    /**
     * A run about to be deleted adds what it has not added yet to the aggregates. Not best effort here: if that fails,
     * the run stays (this throws) rather than taking its figures with it.
     */
    private boolean rollUp(RunSnapshot snapshot) {
        Run run = snapshot.run();
        return rollups.rollUp(snapshot, run.totals() != null ? run.totals()
                : Savings.of(snapshot.attempts(), Json.read(run.ladderJson(), Ladder.class)));
    }

    private static void checkDays(String field, Integer days, FieldErrors errors) {
        if (days != null && days < 0) {
            errors.add(field, "must be 0 or more, was " + days);
        }
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
}
