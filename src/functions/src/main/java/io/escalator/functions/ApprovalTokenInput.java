package io.escalator.functions;

import io.escalator.store.CallbackKind;
import java.util.Arrays;

/**
 * Input of recordApprovalToken: the task token the state machine waits on, and what for.
 *
 * @param kind {@code APPROVAL} (a person approves the estimated cost) or {@code HUMAN} (a person reviews what no tier
 *             could do)
 */
public record ApprovalTokenInput(String runId, String taskToken, String kind) implements StepInput {

    @Override
    public void validate() {
        StepInput.requireText("runId", runId);
        StepInput.requireText("taskToken", taskToken);
        callbackKind();
    }

    public CallbackKind callbackKind() {
        return Arrays.stream(CallbackKind.values()).filter(known -> known.name().equals(kind)).findFirst()
                .orElseThrow(() -> new InvalidStepInputException("kind", "must be one of "
                        + Arrays.toString(CallbackKind.values()) + ", was "
                        + (kind == null ? "missing" : "'" + kind + "'")));
    }
}
