package io.escalator.testkit;

import io.escalator.engine.RunOrchestrator;
import io.escalator.run.Resolution;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An orchestrator that drives nothing and records what it was told: tests drive runs themselves. */
public final class RecordingOrchestrator implements RunOrchestrator {

    /** Run ids handed over to start. */
    public final List<String> started = new CopyOnWriteArrayList<>();
    /** "runId:true|false" for every approval decision. */
    public final List<String> approvals = new CopyOnWriteArrayList<>();
    /** The action values of every resolution. */
    public final List<String> resolutions = new CopyOnWriteArrayList<>();

    @Override
    public void start(String runId) {
        started.add(runId);
    }

    @Override
    public void approvalDecided(String runId, boolean approved) {
        approvals.add(runId + ":" + approved);
    }

    @Override
    public void humanResolved(String runId, Resolution.Action action) {
        resolutions.add(action.value());
    }
}
