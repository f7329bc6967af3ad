package io.escalator.policy;

/**
 * The policy's verdict on an item.
 *
 * @param tierIndex for RETRY and ESCALATE the tier of the next attempt; otherwise the tier the item ended on
 * @param rule      the rule that decided, a stable name (e.g. {@code stagnation}, {@code budget-cost})
 * @param reason    the same in words, with the numbers
 */
public record Decision(Action action, int tierIndex, String rule, String reason) {
}
