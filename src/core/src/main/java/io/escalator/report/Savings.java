package io.escalator.report;

import io.escalator.cost.TokenUsage;
import io.escalator.ladder.AgentRole;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.Tier;
import io.escalator.run.Attempt;
import io.escalator.run.RunTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * What a run saved against doing all of its work on the top tier. The all-top-tier cost is estimated from the
 * tokens actually used: every item that was attempted, once per top-tier minimum attempt, with the tokens its first
 * (cold) attempt used, at the top tier's generator prices.
 */
public final class Savings {

    private Savings() {
    }

    public static RunTotals of(List<Attempt> attempts, Ladder ladder) {
        BigDecimal total = attempts.stream().map(Attempt::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        Tier top = ladder.top();
        Map<String, List<Attempt>> byItem = attempts.stream()
                .collect(java.util.stream.Collectors.groupingBy(Attempt::itemId));
        BigDecimal allTop = BigDecimal.ZERO;
        for (List<Attempt> itemAttempts : byItem.values()) {
            Attempt first = itemAttempts.stream().min(java.util.Comparator.comparingInt(Attempt::seq)).orElseThrow();
            BigDecimal once = top.modelFor(AgentRole.GENERATOR).prices()
                    .cost(new TokenUsage(first.inputTokens(), first.outputTokens()));
            allTop = allTop.add(once.multiply(BigDecimal.valueOf(top.minAttempts())));
        }
        Double percent = allTop.signum() == 0 ? null
                : allTop.subtract(total).multiply(BigDecimal.valueOf(100)).divide(allTop, 1, RoundingMode.HALF_UP).doubleValue();
        return new RunTotals(total.stripTrailingZeros(), allTop.stripTrailingZeros(), percent);
    }
}
