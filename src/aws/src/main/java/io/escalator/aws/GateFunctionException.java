package io.escalator.aws;

/**
 * The runGate function gave no test result: the call failed, or the function did. Never what the tests themselves
 * did, which is in the result.
 */
public class GateFunctionException extends RuntimeException {

    GateFunctionException(String function, String problem, Throwable cause) {
        super("the runGate function " + function + " " + problem, cause);
    }
}
