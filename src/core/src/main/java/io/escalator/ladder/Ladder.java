package io.escalator.ladder;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Optional;

/**
 * The ordered tiers, cheapest first.
 *
 * @param fingerprint digest of the ladder's content (secrets excluded): a run started on one ladder is only resumed
 *                    on the same ladder
 */
public record Ladder(List<Tier> tiers, String fingerprint) {

    public Ladder {
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("a ladder needs at least one tier");
        }
    }

    public Tier tier(int index) {
        return tiers.get(index);
    }

    @JsonIgnore
    public Tier top() {
        return tiers.getLast();
    }

    @JsonIgnore
    public int topIndex() {
        return tiers.size() - 1;
    }

    public boolean isTop(int index) {
        return index == topIndex();
    }

    public int size() {
        return tiers.size();
    }

    public Optional<Integer> indexOf(String tierName) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).name().equals(tierName)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
