package io.escalator.testkit;

import io.escalator.ladder.AgentRole;
import io.escalator.policy.BudgetLimits;
import io.escalator.quality.GateResult;
import io.escalator.quality.Signals;
import io.escalator.run.AgentCall;
import io.escalator.run.Attempt;
import io.escalator.run.AttemptState;
import io.escalator.run.Item;
import io.escalator.run.ItemStatus;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Runs, items and attempts built directly, for store tests that need no engine.
 *
 * <p>Tests date their runs in 2100 ({@link #T0}): DynamoDB Local enforces TTL, and the records of a run created in the
 * past would expire (and vanish) while the test reads them.
 */
public final class StoreRecords {

    public static final java.time.Instant T0 = java.time.Instant.parse("2100-03-01T10:00:00Z");
    public static final String LADDER_JSON = "{\"tiers\":[]}";
    public static final String FINGERPRINT = "0123456789abcdef0123456789abcdef";

    private StoreRecords() {
    }

    public static Run run(String id, Instant createdAt, BudgetLimits budget) {
        return new Run(id, "prompt", "Answer the question.", RunStatus.RUNNING, null,
                "[{\"type\":\"contains\",\"value\":\"42\"}]", "{}", budget, BigDecimal.ZERO, BigDecimal.ZERO, 0, LADDER_JSON,
                FINGERPRINT, null, createdAt, null, null, null, null);
    }

    public static Item openItem(String runId, String itemId) {
        return new Item(runId, itemId, "input of " + itemId, ItemStatus.OPEN, 0, null, null, null);
    }

    public static Item item(String runId, String itemId, ItemStatus status) {
        return new Item(runId, itemId, "input of " + itemId, status, 1, status.name().toLowerCase() + "-rule",
                "because " + status, status == ItemStatus.OPEN ? null : 55.5);
    }

    public static Attempt started(String runId, String itemId, int seq, BigDecimal reserve, Instant at) {
        return new Attempt(runId, itemId, seq, 0, "cheap", "cheap-model", seq, AttemptState.STARTED, reserve, null,
                null, List.of(), null, 0, 0, 0, BigDecimal.ZERO, 0, null, null, List.of(), null, at, null);
    }

    /** The started attempt, completed with an answer that failed one of two gates, and one call of the given cost. */
    public static Attempt completed(Attempt started, BigDecimal cost, Instant at) {
        List<GateResult> gates = List.of(
                GateResult.pass("regex", "answer matches /\\d+/"),
                new GateResult("json-schema", false, "answer is not JSON: unexpected character 'T'", 1));
        Signals signals = new Signals(1, 0.5, null, null, 0.75);
        List<AgentCall> calls = List.of(
                new AgentCall(AgentRole.FAILURE_ANALYZER, "cheap-analyzer", 120, 30, BigDecimal.ZERO, 15, true, null),
                new AgentCall(AgentRole.GENERATOR, started.model(), 1000, 500, cost, 1234, false, null));
        return new Attempt(started.runId(), started.itemId(), started.seq(), started.tierIndex(), started.tierName(),
                started.model(), started.attemptAtTier(), AttemptState.COMPLETED, started.reservedCost(),
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "The answer is 41", gates,
                signals, 36.36, 1120, 530, cost, 1249, null, "Failure analysis: off by one", calls, null,
                started.startedAt(), at);
    }
}
