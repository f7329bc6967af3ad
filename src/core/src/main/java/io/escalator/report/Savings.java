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
import java.util.stream.Collectors;

/**
 * What a run saved against doing all of its work on the top tier. The all-top-tier cost is estimated from the
 * tokens actually used: every item that got an answer, once per top-tier minimum attempt, with the tokens of its
 * first answered attempt (the coldest prompt that produced an answer), at the top tier's generator prices. Attempts
 * that got no answer (a model down, an interrupted call) say nothing about the work's size and are skipped.
 */
public final class Savings {

    private Savings() {
    }

    public static RunTotals of(List<Attempt> attempts, Ladder ladder) {
        BigDecimal total = attempts.stream().map(Attempt::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        Tier top = ladder.top();
        Map<String, List<Attempt>> byItem = attempts.stream()
                .collect(Collectors.groupingBy(Attempt::itemId));
        BigDecimal allTop = BigDecimal.ZERO;
        for (List<Attempt> itemAttempts : byItem.values()) {
            var firstAnswered = itemAttempts.stream().filter(attempt -> attempt.output() != null)
                    .min(Comparator.comparingInt(Attempt::seq));
            if (firstAnswered.isPresent()) {
                BigDecimal once = top.modelFor(AgentRole.GENERATOR).prices()
                        .cost(new TokenUsage(firstAnswered.get().inputTokens(), firstAnswered.get().outputTokens()));
                allTop = allTop.add(once.multiply(BigDecimal.valueOf(top.minAttempts())));
            }
        }
        Double percent = allTop.signum() == 0 ? null
                : allTop.subtract(total).multiply(BigDecimal.valueOf(100)).divide(allTop, 1, RoundingMode.HALF_UP).doubleValue();
        return new RunTotals(total.stripTrailingZeros(), allTop.stripTrailingZeros(), percent);
    }
}
