package io.escalator.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalator.ladder.Ladder;
import io.escalator.quality.GateResult;
import io.escalator.quality.Signals;
import io.escalator.run.Approval;
import io.escalator.run.Attempt;
import io.escalator.run.Item;
import io.escalator.run.Resolution;
import io.escalator.run.Run;
import io.escalator.run.RunSnapshot;
import io.escalator.run.RunTotals;
import io.escalator.support.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A run as the API shows it: status, money, items and every attempt. */
public record RunDetails(
        String runId,
        String workflow,
        String status,
        String statusReason,
        Instant createdAt,
        Instant finishedAt,
        BigDecimal totalCost,
        BigDecimal allTopTierCost,
        Double savingsPercent,
        Budget budget,
        JsonNode estimate,
        Approval approval,
        Resolution resolution,
        List<ItemView> items,
        List<AttemptView> attempts) {

    public record Budget(BigDecimal maxCost, Long maxSeconds, Integer maxAttempts, BigDecimal spent, BigDecimal committed,
                         int attemptsStarted) {
    }

    public record ItemView(String id, String status, String tier, Double cqs, String rule, String reason) {
    }

    public record GateView(String type, boolean passed, String message) {
    }

    public record AttemptView(String item, int seq, String tier, String model, int attempt, String state, double cqs,
                              Signals signals, BigDecimal cost, int inputTokens, int outputTokens, long durationMs,
                              List<GateView> gates, String output, String error, String analysis, String decision,
                              String rule, String reason) {
    }

    public static RunDetails of(RunSnapshot snapshot) {
        Run run = snapshot.run();
        Ladder ladder = Json.read(run.ladderJson(), Ladder.class);
        RunTotals totals = run.totals() != null ? run.totals() : Savings.of(snapshot.attempts(), ladder);
        return new RunDetails(run.id(), run.workflow(), run.status().name(), run.statusReason(), run.createdAt(),
                run.finishedAt(), totals.totalCost(), totals.allTopTierCost(), totals.savingsPercent(),
                new Budget(run.budget().maxCost(), run.budget().maxDuration() == null ? null : run.budget().maxDuration().toSeconds(),
                        run.budget().maxAttempts(), run.spentCost(), run.committedCost(), run.attemptsStarted()),
                run.estimateJson() == null ? null : Json.readTree(run.estimateJson()),
                run.approval(), run.resolution(),
                snapshot.items().stream().map(item -> item(item, snapshot, ladder)).toList(),
                snapshot.attempts().stream().map(RunDetails::attempt).toList());
    }

    private static ItemView item(Item item, RunSnapshot snapshot, Ladder ladder) {
        List<Attempt> attempts = snapshot.attemptsOf(item.id());
        Double cqs = item.finalCqs() != null ? item.finalCqs()
                : attempts.isEmpty() ? null : attempts.getLast().cqs();
        return new ItemView(item.id(), item.status().name(), ladder.tier(item.tierIndex()).name(), cqs, item.rule(),
                item.reason());
    }

    private static AttemptView attempt(Attempt attempt) {
        var decision = attempt.decision();
        return new AttemptView(attempt.itemId(), attempt.seq(), attempt.tierName(), attempt.model(),
                attempt.attemptAtTier(), attempt.state().name(), attempt.cqs(), attempt.signals(), attempt.cost(),
                attempt.inputTokens(), attempt.outputTokens(), attempt.durationMs(),
                attempt.gates().stream().map(RunDetails::gate).toList(), attempt.output(), attempt.failure(),
                attempt.analysis(), decision == null ? null : decision.action().name(),
                decision == null ? null : decision.rule(), decision == null ? null : decision.reason());
    }

    private static GateView gate(GateResult gate) {
        return new GateView(gate.type(), gate.passed(), gate.message());
    }
}
