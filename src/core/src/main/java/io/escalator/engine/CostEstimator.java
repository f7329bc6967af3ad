package io.escalator.engine;

import io.escalator.config.EscalatorConfig;
import io.escalator.cost.CostEstimate;
import io.escalator.cost.ReachProbabilities;
import io.escalator.cost.TierEstimate;
import io.escalator.cost.TierHistory;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.Tier;
import io.escalator.model.AgentTeam;
import io.escalator.model.TaskContext;
import io.escalator.store.HistoryStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run will cost, before any model is called. Per tier: the items expected to reach it x the attempts an
 * item is expected to make there x the expected cost of one attempt (the item's prompt counted with a tokenizer,
 * the expected output per call, the tier's prices and agent team).
 * <p>
 * The reach probabilities, attempts per tier and output tokens per call are learned from earlier runs of the same
 * workflow on the same ladder once there are enough of them; until then they are the conservative defaults (30%
 * of items reach the second tier, 10% the third; each tier's minimum attempts; the configured output tokens). The
 * estimate's {@code basis} says which, with the figures.
 */
@ApplicationScoped
public class CostEstimator {

    /** Fewer items of history than this, and the defaults are used: a handful of runs say little. */
    static final int MIN_HISTORY_ITEMS = 10;
    static final int MIN_HISTORY_CALLS = 10;

    private final HistoryStore histories;
    private final AgentTeam team;
    private final Ladder ladder;
    private final int defaultOutputTokens;

    @Inject
    public CostEstimator(HistoryStore histories, AgentTeam team, Ladder ladder, EscalatorConfig config) {
        this(histories, team, ladder, config.engine().expectedOutputTokens());
    }

    public CostEstimator(HistoryStore histories, AgentTeam team, Ladder ladder, int defaultOutputTokens) {
        this.histories = histories;
        this.team = team;
        this.ladder = ladder;
        this.defaultOutputTokens = defaultOutputTokens;
    }

    /** @param coldTasks each item's task before any attempt */
    public CostEstimate estimate(String workflow, List<TaskContext> coldTasks) {
        Map<Integer, TierHistory> history = histories.tierHistory(workflow, ladder.fingerprint());
        long itemsSeen = history.getOrDefault(0, TierHistory.none(0)).itemsReached();
        boolean learned = itemsSeen >= MIN_HISTORY_ITEMS;
        long calls = history.values().stream().mapToLong(TierHistory::calls).sum();
        int outputPerCall = outputTokensPerCall(history);

        List<TierEstimate> tiers = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < ladder.size(); i++) {
            Tier tier = ladder.tier(i);
            TierHistory seen = history.getOrDefault(i, TierHistory.none(i));
            double probability = learned ? (double) seen.itemsReached() / itemsSeen : ReachProbabilities.byDefault(i);
            double attempts = learned && seen.itemsReached() > 0
                    ? (double) seen.attempts() / seen.itemsReached() : tier.minAttempts();
            // rounded per tier first, so that the tiers shown add up to the total shown
            BigDecimal cost = money(coldAttemptCost(tier, coldTasks, outputPerCall)
                    .multiply(BigDecimal.valueOf(attempts * probability)));
            tiers.add(new TierEstimate(tier.name(), tier.model(), coldTasks.size() * probability, probability, cost));
            total = total.add(cost);
        }
        Tier top = ladder.top();
        BigDecimal allTop = coldAttemptCost(top, coldTasks, outputPerCall)
                .multiply(BigDecimal.valueOf(top.minAttempts()));
        return new CostEstimate(tiers, money(total), money(allTop),
                basis(workflow, learned, itemsSeen, history, calls >= MIN_HISTORY_CALLS, outputPerCall, calls));
    }

    /** Output tokens a model call of the workflow is expected to produce: learned, or the configured default. */
    public int outputTokensPerCall(String workflow) {
        return outputTokensPerCall(histories.tierHistory(workflow, ladder.fingerprint()));
    }

    private int outputTokensPerCall(Map<Integer, TierHistory> history) {
        long calls = history.values().stream().mapToLong(TierHistory::calls).sum();
        long outputTokens = history.values().stream().mapToLong(TierHistory::outputTokens).sum();
        return calls >= MIN_HISTORY_CALLS ? (int) Math.max(1, Math.round((double) outputTokens / calls)) : defaultOutputTokens;
    }

    /** One cold attempt (no failure history yet) at every item on the tier. */
    private BigDecimal coldAttemptCost(Tier tier, List<TaskContext> coldTasks, int outputPerCall) {
        BigDecimal cost = BigDecimal.ZERO;
        for (TaskContext task : coldTasks) {
            cost = cost.add(team.expectedCost(tier, task, outputPerCall));
        }
        return cost;
    }

    private List<String> basis(String workflow, boolean learned, long itemsSeen, Map<Integer, TierHistory> history,
                               boolean learnedTokens, int outputPerCall, long calls) {
        List<String> basis = new ArrayList<>();
        if (learned) {
            List<String> reach = new ArrayList<>();
            for (int i = 1; i < ladder.size(); i++) {
                reach.add(ladder.tier(i).name() + " " + percent(history.getOrDefault(i, TierHistory.none(i)).itemsReached(), itemsSeen));
            }
            basis.add("reach probabilities and attempts per tier are learned from " + itemsSeen + " items of earlier '"
                    + workflow + "' runs on this ladder (reached: " + String.join(", ", reach) + ")");
        } else {
            basis.add(ReachProbabilities.describeDefaults() + " (" + itemsSeen + " items of '" + workflow
                    + "' history on this ladder, " + MIN_HISTORY_ITEMS + " needed)");
            basis.add("attempts per tier are each tier's minAttempts");
        }
        basis.add(learnedTokens
                ? "output tokens are " + outputPerCall + " per model call, the average of " + calls + " earlier calls"
                : "output tokens are " + outputPerCall + " per model call (escalator.engine.expected-output-tokens; capped by "
                        + "each tier's maxOutputTokens): not enough history yet");
        basis.add("input tokens are each item's prompt counted with the o200k_base tokenizer");
        basis.add("prices are the ladder's per-million-token prices of each tier and agent");
        return basis;
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }

    /** Estimates are shown in dollars: eight decimals keep sub-cent tiers visible without false precision. */
    static BigDecimal money(BigDecimal value) {
        return value.setScale(8, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
