package io.escalator.store;

import io.escalator.run.Attempt;
import io.escalator.run.Item;

/** A decision to store: the attempt it was taken on (with the decision set) and the item's resulting state. */
public record DecisionRecord(Attempt attempt, Item item) {
}
