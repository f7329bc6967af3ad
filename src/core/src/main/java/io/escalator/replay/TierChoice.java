package io.escalator.replay;

/**
 * One tier of a suggested ladder.
 *
 * @param attempts attempts on this tier before the item moves up (or, on the top tier, goes to a person)
 */
public record TierChoice(String model, int attempts) {

    public TierChoice {
        if (attempts < 1) {
            throw new IllegalArgumentException("a tier makes at least one attempt, not " + attempts);
        }
    }
}
