package io.escalator.analytics;

import io.escalator.run.RunSnapshot;
import io.escalator.run.RunTotals;
import io.escalator.store.HistoryStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Adds a finished run to its workflow's history and daily analytics. Safe to call as often as wanted: only what
 * changed since the last time is added. Best effort at the end of a run (a failure is logged; the retention job rolls
 * every run up again before it deletes it).
 */
@ApplicationScoped
public class RollupRecorder {

    private static final Logger LOG = Logger.getLogger(RollupRecorder.class);

    private final HistoryStore history;

    public RollupRecorder(HistoryStore history) {
        this.history = history;
    }

    /** @return whether anything was added */
    public boolean rollUp(RunSnapshot snapshot, RunTotals totals) {
        return history.rollUp(snapshot.run().id(), snapshot.run().ladderFingerprint(), RunRollup.of(snapshot, totals));
    }

    public void rollUpQuietly(RunSnapshot snapshot, RunTotals totals) {
        try {
            rollUp(snapshot, totals);
        } catch (RuntimeException e) {
            LOG.warnf("Run %s: its figures were not added to the workflow's history and analytics: %s",
                    snapshot.run().id(), e.toString());
        }
    }
}
