package io.escalator.analytics;

import io.escalator.ladder.AgentRole;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.Tier;
import io.escalator.telemetry.CallRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One item's telemetry as the engine records it: per attempt, one record per call of the tier's agents (the
 * generator; with the analyzer and reviewer in full mode), all at the attempt's time, an attempt a second after the
 * previous one.
 */
final class ItemTelemetry {

    private final Ladder ladder;
    private final String runId;
    private final String itemId;
    private final List<CallRecord> records = new ArrayList<>();
    private Instant at;
    private int seq;

    private ItemTelemetry(Ladder ladder, String runId, String itemId, Instant start) {
        this.ladder = ladder;
        this.runId = runId;
        this.itemId = itemId;
        this.at = start;
    }

    static ItemTelemetry item(Ladder ladder, String runId, String itemId, Instant start) {
        return new ItemTelemetry(ladder, runId, itemId, start);
    }

    /** An attempt on the tier, decided so, costing {@code cost} split evenly over its calls. */
    ItemTelemetry attempt(String tierName, String decision, String cost) {
        int tierIndex = ladder.indexOf(tierName).orElseThrow();
        Tier tier = ladder.tier(tierIndex);
        return attempt(tierIndex, tierName, tier, decision, cost, null);
    }

    /** An attempt whose generator call names a model the tier does not have (the ladder changed since). */
    ItemTelemetry attemptOnModel(String tierName, String model, String decision, String cost) {
        int tierIndex = ladder.indexOf(tierName).orElseThrow();
        return attempt(tierIndex, tierName, ladder.tier(tierIndex), decision, cost, model);
    }

    /** The next attempt is made at this time. */
    ItemTelemetry thenAt(Instant time) {
        at = time;
        return this;
    }

    private ItemTelemetry attempt(int tierIndex, String tierName, Tier tier, String decision, String cost,
                                  String otherModel) {
        seq++;
        List<AgentRole> roles = tier.mode().roles();
        BigDecimal perCall = new BigDecimal(cost).divide(BigDecimal.valueOf(roles.size()));
        for (int call = 0; call < roles.size(); call++) {
            AgentRole role = roles.get(call);
            String model = otherModel != null ? otherModel : tier.modelFor(role).model();
            records.add(new CallRecord("prompt", runId, itemId, seq, call, role.name().toLowerCase(Locale.ROOT),
                    tierIndex, tierName, model, tier.provider(), 100, 10, perCall, 5, CallRecord.ANSWERED,
                    "SUCCEED".equals(decision) ? 100 : 0, decision, "ESCALATE".equals(decision), null, at));
        }
        at = at.plus(Duration.ofSeconds(1));
        return this;
    }

    List<CallRecord> records() {
        return List.copyOf(records);
    }
}
