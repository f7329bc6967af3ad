package io.escalator.aws;

import io.escalator.run.Approval;
import io.escalator.run.Resolution;
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
 * Answers the state machine's callbacks. A run waiting for approval (or for a person's review) waits on a task token that the
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

    /** A person decided on an approval: answer the approval callback if its token is already stored. */
    public void approvalDecided(String runId, boolean approved) {
        store.callbackToken(runId, CallbackKind.APPROVAL).ifPresent(token -> answer(runId, token, approvalOutput(runId, approved)));
    }

    /** A person resolved a run that needed one: answer the human-review callback if its token is already stored. */
    public void humanResolved(String runId, Resolution.Action action) {
        store.callbackToken(runId, CallbackKind.HUMAN).ifPresent(token -> answer(runId, token, resolutionOutput(runId, action)));
    }

    /**
     * The state machine started waiting: store its token, and answer at once if the person's decision for this wait
     * came first. (Starting a wait clears the decision of any earlier one, so an old decision never answers a new
     * wait.)
     */
    public void tokenIssued(String runId, CallbackKind kind, String token) {
        store.saveCallbackToken(runId, kind, token);
        Optional<Run> run = store.findRun(runId);
        switch (kind) {
            case APPROVAL -> run.map(Run::approval).map(Approval::approved)
                    .ifPresent(approved -> answer(runId, token, approvalOutput(runId, approved)));
            case HUMAN -> run.map(Run::resolution).map(Resolution::action)
                    .ifPresent(action -> answer(runId, token, resolutionOutput(runId, action)));
        }
    }

    private static Map<String, Object> approvalOutput(String runId, boolean approved) {
        return Map.of("runId", runId, "approved", approved);
    }

    private static Map<String, Object> resolutionOutput(String runId, Resolution.Action action) {
        return Map.of("runId", runId, "action", action.value());
    }

    private void answer(String runId, String token, Map<String, Object> output) {
        try {
            sfn.sendTaskSuccess(b -> b.taskToken(token).output(Json.write(output)));
        } catch (InvalidTokenException | TaskDoesNotExistException | TaskTimedOutException alreadyAnswered) {
            LOG.debugf("A callback of run %s was already answered or has expired: %s", runId, alreadyAnswered.getMessage());
        }
    }
}
