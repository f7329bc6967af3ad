package io.escalator.telemetry;

import io.escalator.ladder.Ladder;
import io.escalator.run.Attempt;
import io.escalator.run.Run;
import io.escalator.store.TelemetryStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Writes the telemetry of decided attempts. Best effort: the run's own records are what the engine relies on (the
 * analytics come from them too), so a telemetry write that fails is logged and the run goes on.
 */
@ApplicationScoped
public class TelemetryRecorder {

    private static final Logger LOG = Logger.getLogger(TelemetryRecorder.class);

    private final TelemetryStore store;

    public TelemetryRecorder(TelemetryStore store) {
        this.store = store;
    }

    public void record(Run run, Ladder ladder, List<Attempt> decided) {
        if (decided.isEmpty()) {
            return;
        }
        try {
            store.write(decided.stream().flatMap(attempt -> CallRecords.of(run, ladder, attempt).stream()).toList());
        } catch (RuntimeException e) {
            LOG.warnf("Run %s: the telemetry of %d attempts was not written: %s", run.id(), decided.size(), e.toString());
        }
    }
}
