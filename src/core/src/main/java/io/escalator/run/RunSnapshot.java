package io.escalator.run;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Everything stored about one run, read in one query: the run, its items and all their attempts. */
public record RunSnapshot(Run run, List<Item> items, List<Attempt> attempts) {

    public RunSnapshot {
        items = List.copyOf(items);
        attempts = attempts.stream()
                .sorted(Comparator.comparing(Attempt::itemId).thenComparingInt(Attempt::seq))
                .toList();
    }

    /** Each item's attempts, oldest first. */
    public Map<String, List<Attempt>> attemptsByItem() {
        return attempts.stream().collect(Collectors.groupingBy(Attempt::itemId, java.util.LinkedHashMap::new,
                Collectors.toList()));
    }

    public List<Attempt> attemptsOf(String itemId) {
        return attempts.stream().filter(attempt -> attempt.itemId().equals(itemId)).toList();
    }

    public List<Item> openItems() {
        return items.stream().filter(Item::isOpen).toList();
    }
}
