package io.escalator.api;

import io.escalator.store.TelemetryStore;
import io.escalator.telemetry.CallRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * 100 prompt items on the ladder of {@link LadderFromTelemetryStack}, as the engine records their telemetry, in the
 * last hours: 60 solved by cheap ($0.001); 40 that cheap fails twice ($0.002), capable twice ($0.02) and premium
 * solves (one attempt of three calls, $0.12). The middle tier never solves anything: without it the items cost
 * 60 x .001 + 40 x .122 = $4.94 instead of $5.74, 13.94% less. Written again, the same records overwrite themselves.
 */
public final class LadderHistory {

    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));

    private LadderHistory() {
    }

    public static void write(TelemetryStore telemetry) {
        List<CallRecord> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Item item = new Item("history-" + i, START.plusSeconds(10L * i), records);
            if (i < 60) {
                item.attempt(0, "cheap", "cheap-model", "SUCCEED", "0.001", 1);
            } else {
                item.attempt(0, "cheap", "cheap-model", "RETRY", "0.001", 1)
                        .attempt(0, "cheap", "cheap-model", "ESCALATE", "0.001", 1)
                        .attempt(1, "capable", "capable-model", "RETRY", "0.01", 1)
                        .attempt(1, "capable", "capable-model", "ESCALATE", "0.01", 1)
                        .attempt(2, "premium", "premium-model", "SUCCEED", "0.04", 3);
            }
        }
        telemetry.write(records);
    }

    /** One item's attempts, a second apart. */
    private static final class Item {
        private final String runId;
        private final List<CallRecord> records;
        private Instant at;
        private int seq;

        Item(String runId, Instant start, List<CallRecord> records) {
            this.runId = runId;
            this.at = start;
            this.records = records;
        }

        /** @param calls 1: the generator; 3: the full team (analyzer, generator, reviewer), each costing {@code cost} */
        Item attempt(int tierIndex, String tier, String model, String decision, String cost, int calls) {
            seq++;
            List<String> roles = calls == 1 ? List.of("generator") : List.of("failure_analyzer", "generator", "reviewer");
            for (int call = 0; call < roles.size(); call++) {
                records.add(new CallRecord("prompt", runId, "item", seq, call, roles.get(call), tierIndex, tier, model,
                        "openai", 100, 10, new BigDecimal(cost), 5, CallRecord.ANSWERED, "SUCCEED".equals(decision) ? 100 : 0,
                        decision, "ESCALATE".equals(decision), null, at));
            }
            at = at.plusSeconds(1);
            return this;
        }
    }
}
