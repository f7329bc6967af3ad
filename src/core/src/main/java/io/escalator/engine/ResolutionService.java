package io.escalator.engine;

import io.escalator.run.Item;
import io.escalator.run.ItemStatus;
import io.escalator.run.Resolution;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.run.RunSnapshot;
import io.escalator.store.RunNotFoundException;
import io.escalator.store.RunStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/**
 * A person's decision on a run that the top tier could not finish (NEEDS_HUMAN): accept the partial result, retry
 * the unresolved items once more on the top tier (within the budget), or abort. The orchestrator is told (in AWS:
 * the state machine waits on a callback until this decision).
 */
@ApplicationScoped
public class ResolutionService {

    private final RunStore store;
    private final RunOrchestrator orchestrator;
    private final Clock clock;

    public ResolutionService(RunStore store, RunOrchestrator orchestrator, Clock clock) {
        this.store = store;
        this.orchestrator = orchestrator;
        this.clock = clock;
    }

    /**
     * Records the decision. The same decision again is harmless; any other call on a run that does not need a person
     * is a conflict.
     */
    public Run resolve(String runId, Resolution.Action action, String comment) {
        RunSnapshot snapshot = store.load(runId);
        Run run = snapshot.run();
        if (run.status() == RunStatus.NEEDS_HUMAN && run.resolution() == null) {
            List<Item> reopened = snapshot.items().stream()
                    .filter(item -> item.status() == ItemStatus.NEEDS_HUMAN)
                    .map(item -> new Item(item.runId(), item.id(), item.input(), ItemStatus.OPEN, item.tierIndex(),
                            "retry-top-tier", "a person asked for one more attempt on the top tier", null))
                    .toList();
            if (store.resolve(run, new Resolution(action, comment, clock.instant()), reopened)) {
                orchestrator.humanResolved(runId, action);
                return store.findRun(runId).orElseThrow(() -> new RunNotFoundException(runId));
            }
        }
        Run current = store.findRun(runId).orElseThrow(() -> new RunNotFoundException(runId));
        if (current.resolution() != null && current.resolution().action() == action) {
            return current;
        }
        throw new RunStateConflictException(runId, current.status(),
                current.resolution() != null ? "it was already resolved (" + current.resolution().action().value() + ")"
                        : "it does not need a person's decision");
    }
}
