package io.escalator.report;

import io.escalator.ladder.Ladder;
import io.escalator.ladder.Tier;
import io.escalator.policy.Action;
import io.escalator.run.Attempt;
import io.escalator.run.Item;
import io.escalator.run.ItemStatus;
import io.escalator.run.PendingApproval;
import io.escalator.run.Resolution;
import io.escalator.run.Run;
import io.escalator.run.RunSnapshot;
import io.escalator.run.RunStatus;
import io.escalator.run.RunTotals;
import io.escalator.support.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The progression report of a run: how its items climbed the ladder (each item's attempts, in {@code progression}),
 * what each tier did and cost, the final results, the cost analysis against doing everything on the top tier, and for every item a person must take over,
 * what was tried at each tier.
 */
public record ProgressionReport(
        String runId,
        String workflow,
        String objective,
        String status,
        String statusReason,
        long durationMs,
        int items,
        List<TierSummary> tiers,
        List<ItemProgression> progression,
        FinalResults finalResults,
        CostAnalysis costAnalysis,
        BudgetUse budget,
        PendingApproval awaitingApproval,
        Resolution resolution,
        List<UnresolvedItem> needsAttention,
        List<Option> options) {

    /**
     * @param itemsReached items that made at least one attempt on the tier
     * @param succeeded    items that succeeded on the tier
     * @param averageCqs   mean CQS of the tier's attempts ({@code null} without attempts)
     */
    public record TierSummary(String tier, String model, int itemsReached, int attempts, double attemptsPerItem,
                              int succeeded, double successPercent, Double averageCqs, BigDecimal cost, long durationMs) {
    }

    /** One item's way up the ladder: its attempts in order, and where it stands now. */
    public record ItemProgression(String item, String status, List<AttemptMark> attempts) {
    }

    /**
     * One attempt of an item.
     *
     * @param attempt the attempt's number on its tier, from 1
     * @param cqs     {@code null} while the attempt runs
     */
    public record AttemptMark(int tierIndex, String tier, int attempt, Double cqs, AttemptResult result) {
    }

    public enum AttemptResult {
        /** The item succeeded with it. */
        PASSED,
        /** Not good enough: the item was tried again, moved up, or closed unresolved. */
        FELL_SHORT,
        /** The model gave no usable answer. */
        NO_ANSWER,
        /** Still running, or not decided on yet. */
        PENDING
    }

    public record FinalResults(int succeeded, int needsHuman, int budgetExhausted, int failed, int open, Double overallCqs) {
    }

    public record CostAnalysis(BigDecimal totalCost, BigDecimal allTopTierCost, BigDecimal saved, Double savingsPercent,
                               BigDecimal costPerItem) {
    }

    /**
     * The run's budget and how much of it was used; {@code stoppedItems} counts the items the budget stopped.
     */
    public record BudgetUse(BigDecimal maxCost, BigDecimal spent, Long maxSeconds, Integer maxAttempts,
                            int attemptsStarted, int stoppedItems) {

        /** Whether there is anything to say about the budget: a limit, or items it stopped. */
        boolean isWorthShowing() {
            return maxCost != null || maxSeconds != null || maxAttempts != null || stoppedItems > 0;
        }

        /** What is left of {@code maxCost}; {@code null} without one. */
        BigDecimal costLeft() {
            return maxCost == null ? null : maxCost.subtract(spent);
        }
    }

    /** What a person can do about a run that needs one: {@code POST /runs/{id}/resolution {"action": ...}}. */
    public record Option(String action, String description) {
    }

    static final List<Option> HUMAN_OPTIONS = List.of(
            new Option(Resolution.Action.ACCEPT_PARTIAL.value(), "keep what succeeded; the run is done"),
            new Option(Resolution.Action.RETRY_TOP_TIER.value(),
                    "one more attempt on the top tier for every unresolved item, within the budget"),
            new Option(Resolution.Action.ABORT.value(), "stop here: the run is cancelled"));

    public record UnresolvedItem(String item, String status, String reason, String input, List<TriedAttempt> attempts,
                                 String topTierAnalysis) {
    }

    public record TriedAttempt(String tier, int attempt, double cqs, String error, List<String> failedChecks) {
    }

    static final int INPUT_SHOWN_CHARS = 500;

    public static ProgressionReport of(RunSnapshot snapshot, Clock clock) {
        Run run = snapshot.run();
        Ladder ladder = Json.read(run.ladderJson(), Ladder.class);
        RunTotals totals = run.totals() != null ? run.totals() : Savings.of(snapshot.attempts(), ladder);
        long durationMs = Duration.between(run.createdAt(), run.finishedAt() != null ? run.finishedAt() : clock.instant()).toMillis();
        boolean needsDecision = run.status() == RunStatus.NEEDS_HUMAN && run.resolution() == null;
        return new ProgressionReport(run.id(), run.workflow(), run.objective(), run.status().name(), run.statusReason(),
                durationMs, snapshot.items().size(), tiers(snapshot, ladder), progression(snapshot), finalResults(snapshot),
                costAnalysis(totals, snapshot.items().size()), budgetUse(snapshot),
                run.status() == RunStatus.AWAITING_APPROVAL ? run.approval().pending() : null, run.resolution(),
                unresolved(snapshot, ladder), needsDecision ? HUMAN_OPTIONS : List.of());
    }

    private static List<TierSummary> tiers(RunSnapshot snapshot, Ladder ladder) {
        List<TierSummary> tiers = new ArrayList<>();
        for (int index = 0; index < ladder.size(); index++) {
            Tier tier = ladder.tier(index);
            int tierIndex = index;
            List<Attempt> attempts = snapshot.attempts().stream().filter(a -> a.tierIndex() == tierIndex).toList();
            long reached = attempts.stream().map(Attempt::itemId).distinct().count();
            long succeeded = snapshot.items().stream()
                    .filter(item -> item.status() == ItemStatus.SUCCEEDED && item.tierIndex() == tierIndex).count();
            OptionalDouble cqs = attempts.stream().filter(Attempt::isCompleted).mapToDouble(Attempt::cqs).average();
            tiers.add(new TierSummary(tier.name(), tier.model(), (int) reached, attempts.size(),
                    reached == 0 ? 0 : round(attempts.size() / (double) reached),
                    (int) succeeded, reached == 0 ? 0 : round(100.0 * succeeded / reached),
                    cqs.isPresent() ? round(cqs.getAsDouble()) : null,
                    attempts.stream().map(Attempt::cost).reduce(BigDecimal.ZERO, BigDecimal::add).stripTrailingZeros(),
                    attempts.stream().mapToLong(Attempt::durationMs).sum()));
        }
        return tiers;
    }

    private static List<ItemProgression> progression(RunSnapshot snapshot) {
        Map<String, List<Attempt>> attempts = snapshot.attemptsByItem();
        return snapshot.items().stream()
                .map(item -> new ItemProgression(item.id(), item.status().name(),
                        attempts.getOrDefault(item.id(), List.of()).stream().map(ProgressionReport::mark).toList()))
                .toList();
    }

    private static AttemptMark mark(Attempt attempt) {
        if (!attempt.isCompleted()) {
            return new AttemptMark(attempt.tierIndex(), attempt.tierName(), attempt.attemptAtTier(), null,
                    AttemptResult.PENDING);
        }
        AttemptResult result = attempt.failure() != null ? AttemptResult.NO_ANSWER
                : attempt.decision() == null ? AttemptResult.PENDING
                : attempt.decision().action() == Action.SUCCEED ? AttemptResult.PASSED
                : AttemptResult.FELL_SHORT;
        return new AttemptMark(attempt.tierIndex(), attempt.tierName(), attempt.attemptAtTier(), attempt.cqs(), result);
    }

    private static FinalResults finalResults(RunSnapshot snapshot) {
        Map<ItemStatus, Long> counts = snapshot.items().stream()
                .collect(Collectors.groupingBy(Item::status, Collectors.counting()));
        OptionalDouble overall = snapshot.items().stream().filter(item -> item.finalCqs() != null)
                .mapToDouble(Item::finalCqs).average();
        return new FinalResults(count(counts, ItemStatus.SUCCEEDED), count(counts, ItemStatus.NEEDS_HUMAN),
                count(counts, ItemStatus.BUDGET_EXHAUSTED), count(counts, ItemStatus.FAILED), count(counts, ItemStatus.OPEN),
                overall.isPresent() ? round(overall.getAsDouble()) : null);
    }

    private static CostAnalysis costAnalysis(RunTotals totals, int items) {
        BigDecimal perItem = items == 0 ? BigDecimal.ZERO
                : totals.totalCost().divide(BigDecimal.valueOf(items), 10, RoundingMode.HALF_UP).stripTrailingZeros();
        return new CostAnalysis(totals.totalCost(), totals.allTopTierCost(),
                totals.allTopTierCost().subtract(totals.totalCost()).stripTrailingZeros(), totals.savingsPercent(), perItem);
    }

    private static BudgetUse budgetUse(RunSnapshot snapshot) {
        Run run = snapshot.run();
        int stopped = (int) snapshot.items().stream().filter(item -> item.status() == ItemStatus.BUDGET_EXHAUSTED).count();
        return new BudgetUse(run.budget().maxCost(), run.spentCost(),
                run.budget().maxDuration() == null ? null : run.budget().maxDuration().toSeconds(),
                run.budget().maxAttempts(), run.attemptsStarted(), stopped);
    }

    private static List<UnresolvedItem> unresolved(RunSnapshot snapshot, Ladder ladder) {
        return snapshot.items().stream()
                .filter(item -> item.status() != ItemStatus.SUCCEEDED && item.status() != ItemStatus.OPEN)
                .map(item -> {
                    List<Attempt> attempts = snapshot.attemptsOf(item.id());
                    String topAnalysis = attempts.stream()
                            .filter(a -> a.tierIndex() == ladder.topIndex() && a.analysis() != null)
                            .reduce((first, second) -> second).map(Attempt::analysis).orElse(null);
                    return new UnresolvedItem(item.id(), item.status().name(), item.reason(), shorten(item.input()),
                            attempts.stream().map(ProgressionReport::tried).toList(), topAnalysis);
                })
                .toList();
    }

    private static TriedAttempt tried(Attempt attempt) {
        return new TriedAttempt(attempt.tierName(), attempt.attemptAtTier(), attempt.cqs(), attempt.failure(),
                attempt.gates().stream().filter(gate -> !gate.passed())
                        .map(gate -> gate.type() + ": " + gate.message()).toList());
    }

    private static String shorten(String text) {
        return text.length() <= INPUT_SHOWN_CHARS ? text : text.substring(0, INPUT_SHOWN_CHARS) + "...";
    }

    private static int count(Map<ItemStatus, Long> counts, ItemStatus status) {
        return counts.getOrDefault(status, 0L).intValue();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

}
