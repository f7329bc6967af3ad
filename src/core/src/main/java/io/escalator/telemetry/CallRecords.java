package io.escalator.telemetry;

import io.escalator.ladder.Ladder;
import io.escalator.policy.Action;
import io.escalator.run.AgentCall;
import io.escalator.run.Attempt;
import io.escalator.run.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The telemetry of a decided attempt: one record per model call it made. */
public final class CallRecords {

    private CallRecords() {
    }

    public static List<CallRecord> of(Run run, Ladder ladder, Attempt attempt) {
        List<CallRecord> records = new ArrayList<>();
        String provider = attempt.tierIndex() < ladder.tiers().size() ? ladder.tier(attempt.tierIndex()).provider() : null;
        String decision = attempt.decision() == null ? null : attempt.decision().action().name();
        boolean escalated = attempt.decision() != null && attempt.decision().action() == Action.ESCALATE;
        for (int index = 0; index < attempt.calls().size(); index++) {
            AgentCall call = attempt.calls().get(index);
            records.add(new CallRecord(run.workflow(), run.id(), attempt.itemId(), attempt.seq(), index,
                    call.role().name().toLowerCase(Locale.ROOT), attempt.tierIndex(), attempt.tierName(), call.model(),
                    provider, call.inputTokens(), call.outputTokens(), call.cost(), call.durationMs(),
                    call.failure() == null ? CallRecord.ANSWERED : CallRecord.FAILED, attempt.cqs(), decision, escalated,
                    run.userHash(), attempt.finishedAt() != null ? attempt.finishedAt() : attempt.startedAt()));
        }
        return records;
    }
}
