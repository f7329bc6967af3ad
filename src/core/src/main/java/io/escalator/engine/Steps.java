package io.escalator.engine;

/**
 * The names of a run's steps: the state names of the Step Functions state machine, and what the local driver
 * reports as it runs the same steps, so the two can be compared.
 */
public final class Steps {

    public static final String ESTIMATE = "Estimate";
    public static final String WAIT_FOR_APPROVAL = "WaitForApproval";
    public static final String EXECUTE_TIER = "ExecuteTier";
    public static final String DECIDE = "Decide";
    public static final String FINALIZE = "Finalize";
    public static final String WAIT_FOR_HUMAN = "WaitForHuman";

    private Steps() {
    }
}
