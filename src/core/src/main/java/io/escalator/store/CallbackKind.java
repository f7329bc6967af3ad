package io.escalator.store;

/** What a run waits for in a Step Functions callback, and where its task token is kept. */
public enum CallbackKind {
    APPROVAL("approvalTaskToken"),
    HUMAN("humanTaskToken");

    private final String attribute;

    CallbackKind(String attribute) {
        this.attribute = attribute;
    }

    public String attribute() {
        return attribute;
    }
}
