package io.escalator.policy;

/** What happens to an item after an attempt. */
public enum Action {
    /** The attempt is good enough: the item is done. */
    SUCCEED,
    /** Try again on the same tier, with the failure history. */
    RETRY,
    /** Move to the next tier, with the failure history. */
    ESCALATE,
    /** The top tier failed too: a person takes over, with the full history. */
    NEEDS_HUMAN,
    /** The run's budget (cost, time or attempts) has no room for another attempt. */
    BUDGET_EXHAUSTED;

    public boolean isTerminal() {
        return this == SUCCEED || this == NEEDS_HUMAN || this == BUDGET_EXHAUSTED;
    }
}
