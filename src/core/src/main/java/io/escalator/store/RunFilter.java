package io.escalator.store;

import io.escalator.run.RunStatus;
import java.time.Instant;

/**
 * Which runs a listing shows: those in a status, of a workflow, created from {@code since} (inclusive) until
 * {@code until} (exclusive), owned by the principal with the hash {@code ownerHash}. A {@code null} part does not
 * restrict.
 */
public record RunFilter(RunStatus status, String workflow, Instant since, Instant until, String ownerHash) {

    public static final RunFilter ALL = new RunFilter(null, null, null, null);

    /** Runs of every owner. */
    public RunFilter(RunStatus status, String workflow, Instant since, Instant until) {
        this(status, workflow, since, until, null);
    }

    /** The same filter, for the runs of one owner only. */
    public RunFilter ownedBy(String ownerHash) {
        return new RunFilter(status, workflow, since, until, ownerHash);
    }
}
