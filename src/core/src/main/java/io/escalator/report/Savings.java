package io.escalator.report;

import io.escalator.cost.TokenUsage;
import io.escalator.ladder.AgentRole;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.Tier;
import io.escalator.run.Attempt;
import io.escalator.run.RunTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a run saved against doing all of its work on the top tier. The all-top-tier cost is estimated from the
 * tokens actually used: every item that got an answer, once per top-tier minimum attempt, with the tokens of its
 * first answered attempt (the coldest prompt that produced an answer), at the top tier's generator prices. Attempts
 * that got no answer (a model down, an interrupted call) say nothing about the work's size and are skipped. Where the
 * top tier's provider knows an item's cost exactly (a replayed model's recorded cost), that cost is used instead.
 */
public final class Savings {

    /** The top tier's exact cost for an item (by its id), when its provider knows it before the call. */
    @FunctionalInterface
    public interface KnownTopTierCosts {

        KnownTopTierCosts NONE = itemId -> Optional.empty();

        Optional<BigDecimal> of(String itemId);
    }

    private Savings() {
    }

    public static RunTotals of(List<Attempt> attempts, Ladder ladder) {
        return of(attempts, ladder, KnownTopTierCosts.NONE);
    }

    public static RunTotals of(List<Attempt> attempts, Ladder ladder, KnownTopTierCosts knownCosts) {
        BigDecimal total = attempts.stream().map(Attempt::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        Tier top = ladder.top();
        Map<String, List<Attempt>> byItem = attempts.stream()
                .collect(Collectors.groupingBy(Attempt::itemId));
        BigDecimal allTop = BigDecimal.ZERO;
        for (Map.Entry<String, List<Attempt>> item : byItem.entrySet()) {
            Optional<BigDecimal> once = knownCosts.of(item.getKey()).or(() -> item.getValue().stream()
                    .filter(attempt -> attempt.output() != null)
                    .min(Comparator.comparingInt(Attempt::seq))
                    .map(firstAnswered -> top.modelFor(AgentRole.GENERATOR).prices()
                            .cost(new TokenUsage(firstAnswered.inputTokens(), firstAnswered.outputTokens()))));
            if (once.isPresent()) {
                allTop = allTop.add(once.get().multiply(BigDecimal.valueOf(top.minAttempts())));
            }
        }
        Double percent = allTop.signum() == 0 ? null
                : allTop.subtract(total).multiply(BigDecimal.valueOf(100)).divide(allTop, 1, RoundingMode.HALF_UP).doubleValue();
        return new RunTotals(total.stripTrailingZeros(), allTop.stripTrailingZeros(), percent);
    }
}
