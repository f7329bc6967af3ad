package io.escalator.engine;

import io.escalator.run.Resolution;

/**
 * Drives a stored run through its steps (Estimate, then ExecuteTier and Decide until every item is done, then
 * Finalize). The local stack drives runs in process; in AWS a Step Functions execution does.
 */
public interface RunOrchestrator {

    /** Starts driving a run that has just been stored. Returns at once. */
    void start(String runId);

    /** A person decided on a run that waited for approval (the decision is already stored): drive it on. */
    void approvalDecided(String runId, boolean approved);

    /** A person resolved a run that needed one (the resolution is already stored): drive it on if it goes on. */
    void humanResolved(String runId, Resolution.Action action);
}
