package io.escalator.aws;

import io.escalator.run.Run;
import io.escalator.store.CallbackKind;
import io.escalator.store.RunStore;
import io.escalator.support.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Answers the state machine's callbacks. A run waiting for approval waits on a task token that the
 * {@code recordApprovalToken} function stores on the run; whichever comes second, the person's decision or the
 * token, sends the answer. The decision and the token can arrive in either order, so both sides try, and a token
 * already answered is not an error.
 */
@ApplicationScoped
public class StepFunctionsCallbacks {

    private static final Logger LOG = Logger.getLogger(StepFunctionsCallbacks.class);

    private final SfnClient sfn;
    private final RunStore store;

    public StepFunctionsCallbacks(SfnClient sfn, RunStore store) {
        this.sfn = sfn;
        this.store = store;
    }

    /** A person decided: answer the approval callback if its token is already stored. */
    public void approvalDecided(String runId, boolean approved) {
        store.callbackToken(runId, CallbackKind.APPROVAL).ifPresent(token -> answer(runId, token, approved));
    }

    /** The state machine started waiting: store its token, and answer at once if a person already decided. */
    public void tokenIssued(String runId, CallbackKind kind, String token) {
        store.saveCallbackToken(runId, kind, token);
        if (kind == CallbackKind.APPROVAL) {
            Optional<Boolean> decided = store.findRun(runId).map(Run::approval).map(approval -> approval.approved());
            decided.ifPresent(approved -> answer(runId, token, approved));
        }
    }

    private void answer(String runId, String token, boolean approved) {
        try {
            sfn.sendTaskSuccess(b -> b.taskToken(token)
                    .output(Json.write(Map.of("runId", runId, "approved", approved))));
        } catch (InvalidTokenException | TaskDoesNotExistException | TaskTimedOutException alreadyAnswered) {
            LOG.debugf("Approval callback of run %s was already answered or has expired: %s", runId,
                    alreadyAnswered.getMessage());
        }
    }
}
