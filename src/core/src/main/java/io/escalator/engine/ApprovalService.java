package io.escalator.engine;

import io.escalator.run.PendingApproval;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.store.RunNotFoundException;
import io.escalator.store.RunStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * A person's answer to a run waiting for approval, of the whole run (before it starts) or of an escalation (before
 * items move up to a dearer tier). Approved, the run goes on, and what was approved becomes its new line; rejected,
 * it is cancelled. Either way the orchestrator is told, so it drives the run to its next step (in AWS: the state
 * machine's callback).
 */
@ApplicationScoped
public class ApprovalService {

    private final RunStore store;
    private final RunOrchestrator orchestrator;
    private final Clock clock;

    public ApprovalService(RunStore store, RunOrchestrator orchestrator, Clock clock) {
        this.store = store;
        this.orchestrator = orchestrator;
        this.clock = clock;
    }

    /**
     * Records the decision. Giving the same decision again is harmless (nothing changes, nothing is resent); any
     * other call on a run that is not waiting for approval is a conflict.
     */
    public Run decide(String runId, boolean approve, String comment) {
        Run run = store.findRun(runId).orElseThrow(() -> new RunNotFoundException(runId));
        if (run.status() == RunStatus.AWAITING_APPROVAL
                && store.decideApproval(runId, approve, comment, rejectionReason(run, comment), clock.instant())) {
            orchestrator.approvalDecided(runId, approve);
            return store.findRun(runId).orElseThrow();
        }
        Run current = store.findRun(runId).orElseThrow();
        if (current.approval().approved() != null && current.approval().approved() == approve) {
            return current;
        }
        throw new RunStateConflictException(runId, current.status(), "it is not waiting for approval");
    }

    private static String rejectionReason(Run run, String comment) {
        PendingApproval pending = run.approval().pending();
        String what = pending != null && pending.kind() == PendingApproval.Kind.ESCALATION
                ? "escalation rejected" : "approval rejected";
        return what + (comment == null ? "" : ": " + comment);
    }
}
