package io.escalator.functions;

/**
 * The store failed in a way that may pass (throttling, a 5xx, a network fault). Every step is safe to repeat, so the
 * state machine retries exactly this error type; any other error is not retried.
 */
public class TransientStepException extends RuntimeException {

    public TransientStepException(Throwable cause) {
        super("the store failed transiently, retrying the step is safe: " + cause.getMessage(), cause);
    }
}
