package io.escalator.local;

import io.escalator.config.EscalatorConfig;
import io.escalator.engine.DecideStep;
import io.escalator.engine.EstimateStep;
import io.escalator.engine.ExecuteTierStep;
import io.escalator.engine.FinalizeStep;
import io.escalator.engine.LadderChangedException;
import io.escalator.engine.RunOrchestrator;
import io.escalator.engine.StepListener;
import io.escalator.engine.Steps;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.Tier;
import io.escalator.run.Resolution;
import io.escalator.run.Run;
import io.escalator.run.RunSnapshot;
import io.escalator.run.RunStatus;
import io.escalator.store.RunStore;
import io.escalator.support.Pause;
import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Typed;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Drives runs in process, running the same steps in the same order as the state machine does in AWS: Estimate, then
 * ExecuteTier and Decide until no item is open, then Finalize. Every step persists its result before the next starts,
 * so a restarted stack picks up each unfinished run where it stopped (or closes it, with the reason, when it cannot
 * go on). A step that fails on the store is retried with backoff, as Step Functions would.
 */
@ApplicationScoped
@Typed(LocalDriver.class)
public class LocalDriver implements RunOrchestrator {

    private static final Logger LOG = Logger.getLogger(LocalDriver.class);
    static final int STEP_TRIES = 4;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    /** Rounds in a row without any progress after which a run is taken for stuck and closed. */
    static final int MAX_IDLE_ROUNDS = 3;

    private final EstimateStep estimate;
    private final ExecuteTierStep executeTier;
    private final DecideStep decide;
    private final FinalizeStep finalizeStep;
    private final RunStore store;
    private final Ladder ladder;
    private final ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<String> driving = ConcurrentHashMap.newKeySet();
    private final List<StepListener> listeners;

    public LocalDriver(EstimateStep estimate, ExecuteTierStep executeTier, DecideStep decide, FinalizeStep finalizeStep,
                       RunStore store, Ladder ladder, @All List<StepListener> listeners) {
        this.estimate = estimate;
        this.executeTier = executeTier;
        this.decide = decide;
        this.finalizeStep = finalizeStep;
        this.store = store;
        this.ladder = ladder;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void approvalDecided(String runId, boolean approved) {
        start(runId);
    }

    @Override
    public void humanResolved(String runId, Resolution.Action action) {
        if (action == Resolution.Action.RETRY_TOP_TIER) {
            start(runId);
        }
    }

    @Override
    public void start(String runId) {
        runs.submit(() -> drive(runId));
    }

    void resumeAtStartup(@Observes @Priority(1000) StartupEvent event, EscalatorConfig config) {
        if (config.orchestrator() == EscalatorConfig.Orchestrator.LOCAL) {
            resumeUnfinished();
        }
    }

    /**
     * Picks up every run left running and not driven now: by an earlier process, or stopped because the store failed
     * (the local stack calls this on a schedule, so those go on once the store is back).
     */
    public void resumeUnfinished() {
        List<Run> unfinished;
        try {
            unfinished = store.runsWithStatus(RunStatus.RUNNING);
        } catch (SdkException e) {
            LOG.warnf("Cannot look for runs to resume: the store failed (%s); trying again later", e.getMessage());
            return;
        }
        for (Run run : unfinished) {
            if (!driving.contains(run.id())) {
                LOG.infof("Resuming run %s", run.id());
                start(run.id());
            }
        }
    }

    /**
     * Drives a run as far as it can go now, in the calling thread, and returns where it stands: a final status, or
     * AWAITING_APPROVAL when it waits for a person (an approval drives it on), or RUNNING when it had to stop early
     * because the store was unavailable (it resumes on the next start).
     */
    public RunStatus drive(String runId) {
        if (!driving.add(runId)) {
            return RunStatus.RUNNING;
        }
        try {
            RunSnapshot snapshot = store.load(runId);
            RunStatus status = snapshot.run().status();
            if (status == RunStatus.AWAITING_APPROVAL) {
                return status;
            }
            if (status.isTerminal()) {
                return step(runId, Steps.FINALIZE, () -> finalizeStep.finalizeRun(runId)).status();
            }
            if (snapshot.run().estimateJson() == null
                    && step(runId, Steps.ESTIMATE, () -> estimate.estimate(runId)).approvalRequired()) {
                announce(runId, Steps.WAIT_FOR_APPROVAL);
                return RunStatus.AWAITING_APPROVAL;
            }
            Rounds rounds = executeUntilDecided(runId, snapshot.items().size());
            if (rounds.awaitingApproval()) {
                announce(runId, Steps.WAIT_FOR_APPROVAL);
                return RunStatus.AWAITING_APPROVAL;
            }
            RunStatus finished = step(runId, Steps.FINALIZE, () -> finalizeStep.finalizeRun(runId, rounds.stuck())).status();
            if (finished == RunStatus.NEEDS_HUMAN) {
                announce(runId, Steps.WAIT_FOR_HUMAN);
            }
            return finished;
        } catch (LadderChangedException e) {
            LOG.warnf("Closing run %s: %s", runId, e.getMessage());
            return step(runId, Steps.FINALIZE, () -> finalizeStep.finalizeRun(runId, e.getMessage() + "; it cannot be resumed")).status();
        } catch (SdkException e) {
            LOG.errorf("Run %s stopped: the store failed (%s); it resumes when the store is back", runId, e.getMessage());
            return RunStatus.RUNNING;
        } catch (RuntimeException e) {
            if (runs.isShutdown()) {
                LOG.infof("Run %s paused by shutdown; it resumes when the stack restarts", runId);
                return RunStatus.RUNNING;
            }
            LOG.errorf(e, "Run %s failed", runId);
            return step(runId, Steps.FINALIZE, () -> finalizeStep.finalizeRun(runId, "engine error: " + e.getMessage())).status();
        } finally {
            driving.remove(runId);
        }
    }

    /**
     * ExecuteTier and Decide until no item is open, or an escalation waits for approval. A run is stuck after more
     * rounds than its items could ever need, or several rounds in a row without any progress.
     */
    private Rounds executeUntilDecided(String runId, int itemCount) {
        int maxRounds = maxRounds(itemCount);
        int idleRounds = 0;
        int open = Integer.MAX_VALUE;
        for (int round = 1; round <= maxRounds; round++) {
            ExecuteTierStep.ExecuteResult executed = step(runId, Steps.EXECUTE_TIER, () -> executeTier.execute(runId));
            DecideStep.DecideResult decided = step(runId, Steps.DECIDE, () -> decide.decide(runId));
            if (decided.next() == DecideStep.Next.FINALIZE) {
                return new Rounds(false, null);
            }
            if (decided.next() == DecideStep.Next.AWAIT_APPROVAL) {
                return new Rounds(true, null);
            }
            boolean progressed = executed.attempted() > 0 || decided.decided() > 0 || decided.open() < open;
            open = decided.open();
            idleRounds = progressed ? 0 : idleRounds + 1;
            if (idleRounds >= MAX_IDLE_ROUNDS) {
                return new Rounds(false, "the engine made no progress in " + MAX_IDLE_ROUNDS + " rounds in a row");
            }
        }
        return new Rounds(false, "the engine did not finish within " + maxRounds + " rounds");
    }

    /** How the rounds ended: waiting for an approval, or done ({@code stuck} says why, when they had to stop). */
    private record Rounds(boolean awaitingApproval, String stuck) {
    }

    /**
     * A guard against a run that never ends. A round that makes no attempt, takes no decision and closes no item is
     * idle; a few idle rounds in a row mean the run is stuck. A round that does any of these is progress, and a run
     * cannot make more of those than its items' attempts allow: every attempt is decided once, and an item climbs at
     * most all its tiers' attempts. (Items do not all move in every round: those whose reservation did not fit while
     * others held theirs wait for a later round, so the rounds grow with the items, not just with the ladder.)
     */
    private int maxRounds(int items) {
        int attemptsPerItem = ladder.tiers().stream().mapToInt(Tier::maxAttempts).sum();
        return Math.max(1, items) * (2 * attemptsPerItem + 1) + 10;
    }

    /** Runs one step: announces it, then runs it, retrying a store failure with backoff as Step Functions would. */
    private <T> T step(String runId, String name, Supplier<T> step) {
        announce(runId, name);
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                return step.get();
            } catch (SdkException e) {
                if (attempt >= STEP_TRIES) {
                    throw e;
                }
                LOG.warnf("Store error (%s); retrying the step in %d ms", e.getMessage(), backoff.toMillis());
                Pause.sleep(backoff, "waiting to retry a step");
                backoff = backoff.multipliedBy(4);
            }
        }
    }

    private void announce(String runId, String step) {
        listeners.forEach(listener -> listener.stepStarted(runId, step));
    }


    @PreDestroy
    void stop() {
        runs.shutdownNow();
    }
}
