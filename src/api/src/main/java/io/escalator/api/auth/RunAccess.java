package io.escalator.api.auth;

import io.escalator.engine.RunListQuery;
import io.escalator.engine.RunService;
import io.escalator.run.Run;
import io.escalator.run.RunSnapshot;
import io.escalator.store.RunNotFoundException;
import io.escalator.store.RunPage;
import io.escalator.store.RunStore;
import io.escalator.telemetry.UserIdHasher;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The runs the current caller may see and act on: their own, and every run for an admin. A run is owned by the keyed
 * hash of its principal, never the principal itself. Another owner's run, and for anyone but an admin a run of no
 * owner (stored before runs had owners), is answered exactly as a run that does not exist: the caller cannot tell
 * whether its id exists.
 */
@ApplicationScoped
public class RunAccess {

    private final SecurityIdentity identity;
    private final UserIdHasher hasher;
    private final RunService runs;
    private final RunStore store;

    public RunAccess(SecurityIdentity identity, UserIdHasher hasher, RunService runs, RunStore store) {
        this.identity = identity;
        this.hasher = hasher;
        this.runs = runs;
        this.store = store;
    }

    public Caller caller() {
        return Caller.of(identity);
    }

    /** What a run the caller starts is owned by. */
    public String ownerHash() {
        return hasher.hash(caller().principal());
    }

    /** The run with its items and attempts, if the caller may see it. */
    public RunSnapshot snapshot(String runId) {
        RunSnapshot snapshot = runs.get(runId);
        requireVisible(snapshot.run());
        return snapshot;
    }

    /** Stops a request about a run the caller may not see, as if the run did not exist. */
    public void requireVisible(String runId) {
        requireVisible(store.findRun(runId).orElseThrow(() -> new RunNotFoundException(runId)));
    }

    /** A page of the runs the query asks for: the caller's own, or for an admin every owner's. */
    public RunPage list(RunListQuery query) {
        Caller caller = caller();
        return caller.admin() ? runs.list(query) : runs.list(query, hasher.hash(caller.principal()));
    }

    private void requireVisible(Run run) {
        Caller caller = caller();
        if (!caller.admin() && (run.ownerHash() == null || !run.ownerHash().equals(hasher.hash(caller.principal())))) {
            throw new RunNotFoundException(run.id());
        }
    }
}
