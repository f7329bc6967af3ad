package io.escalator.functions;

import io.escalator.store.CallbackKind;

/** Output of recordApprovalToken: which callback of which run the token was stored for. */
public record ApprovalTokenOutput(String runId, CallbackKind kind) {
}
