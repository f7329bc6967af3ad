package io.escalator.run;

/**
 * An item's current state. Its history is in its attempts.
 *
 * @param tierIndex the tier of its next attempt while open; the tier it ended on once closed
 * @param rule      the policy rule that closed it (or moved it last)
 * @param finalCqs  CQS of its last attempt, once closed
 */
public record Item(String runId, String id, String input, ItemStatus status, int tierIndex, String rule, String reason,
                   Double finalCqs) {

    public static Item open(String runId, ItemSpec spec) {
        return new Item(runId, spec.id(), spec.input(), ItemStatus.OPEN, 0, null, null, null);
    }

    public boolean isOpen() {
        return status == ItemStatus.OPEN;
    }
}
