package io.escalator.store;

import io.escalator.run.RunStatus;
import java.time.Instant;

/**
 * Which runs a listing shows: those in a status, of a workflow, created from {@code since} (inclusive) until
 * {@code until} (exclusive). A {@code null} part does not restrict.
 */
public record RunFilter(RunStatus status, String workflow, Instant since, Instant until) {

    public static final RunFilter ALL = new RunFilter(null, null, null, null);
}
