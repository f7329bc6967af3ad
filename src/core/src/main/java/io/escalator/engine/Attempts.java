package io.escalator.engine;

import io.escalator.ladder.Ladder;
import io.escalator.ladder.Tier;
import io.escalator.model.TeamAnswer;
import io.escalator.policy.AttemptOutcome;
import io.escalator.quality.GateResult;
import io.escalator.quality.QualityCheck;
import io.escalator.run.Attempt;
import io.escalator.run.AttemptState;
import io.escalator.run.Item;
import io.escalator.run.RunSnapshot;
import io.escalator.store.RunStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/** Building attempt records as an attempt moves from started to completed. */
final class Attempts {

    private static final Logger LOG = Logger.getLogger(Attempts.class);

    static final String INTERRUPTED = "interrupted: the invocation running this attempt ended before its outcome was "
            + "recorded; the reserved worst-case cost is charged, as the provider may have billed the call";

    private Attempts() {
    }

    static Attempt started(Item item, List<Attempt> earlier, Ladder ladder, BigDecimal reserve, Instant now) {
        Tier tier = ladder.tier(item.tierIndex());
        int atTier = 1;
        for (int i = earlier.size() - 1; i >= 0 && earlier.get(i).tierIndex() == item.tierIndex(); i--) {
            atTier++;
        }
        return new Attempt(item.runId(), item.id(), earlier.size() + 1, item.tierIndex(), tier.name(), tier.model(),
                atTier, AttemptState.STARTED, reserve, null, null, List.of(), null, 0, 0, 0, BigDecimal.ZERO, 0, null,
                null, List.of(), null, now, null);
    }

    static Attempt completed(Attempt started, TeamAnswer answer, Instant now) {
        QualityCheck quality = answer.quality();
        return new Attempt(started.runId(), started.itemId(), started.seq(), started.tierIndex(), started.tierName(),
                started.model(), started.attemptAtTier(), AttemptState.COMPLETED, started.reservedCost(),
                answer.promptDigest(), answer.answer(), quality.gates(), quality.signals(), quality.cqs(),
                answer.inputTokens(), answer.outputTokens(), answer.cost(), answer.durationMs(), answer.failure(),
                answer.notes(), answer.calls(), null, started.startedAt(), now);
    }

    /** Closes an attempt whose invocation died: failed, charged its reservation. */
    static Attempt interrupted(Attempt started, Instant now) {
        List<GateResult> gates = List.of();
        return new Attempt(started.runId(), started.itemId(), started.seq(), started.tierIndex(), started.tierName(),
                started.model(), started.attemptAtTier(), AttemptState.COMPLETED, started.reservedCost(),
                started.promptDigest(), null, gates, null, 0, 0, 0, started.reservedCost(),
                Duration.between(started.startedAt(), now).toMillis(), INTERRUPTED, null, List.of(), null,
                started.startedAt(), now);
    }

    /**
     * Closes the attempts an earlier invocation started and never finished (it died, or threw): each is recorded as
     * interrupted and charged its reservation, so its item can go on. Returns the run's attempts as they now stand.
     */
    static List<Attempt> closeInterrupted(RunStore store, RunSnapshot snapshot, Instant now) {
        List<Attempt> attempts = new ArrayList<>();
        for (Attempt attempt : snapshot.attempts()) {
            if (attempt.state() == AttemptState.STARTED) {
                LOG.warnf("Run %s: attempt %d of item %s was interrupted; closing it as failed", attempt.runId(),
                        attempt.seq(), attempt.itemId());
                Attempt closed = interrupted(attempt, now);
                store.completeAttempt(snapshot.run(), closed);
                attempts.add(closed);
            } else {
                attempts.add(attempt);
            }
        }
        return attempts;
    }

    static AttemptOutcome outcome(Attempt attempt) {
        double failureRate = attempt.signals() == null ? 1 : attempt.signals().failureRate();
        int syntaxErrors = attempt.signals() == null ? 0 : attempt.signals().syntaxErrors();
        return new AttemptOutcome(attempt.tierIndex(), attempt.cqs(), failureRate, syntaxErrors, attempt.failure());
    }

    static List<Attempt> completedOnly(List<Attempt> attempts) {
        return attempts.stream().filter(Attempt::isCompleted).toList();
    }
}
