package io.escalator.engine;

import io.escalator.config.EscalatorConfig;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.Tier;
import io.escalator.model.AgentTeam;
import io.escalator.model.TaskContext;
import io.escalator.model.TeamAnswer;
import io.escalator.run.Attempt;
import io.escalator.run.Item;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.store.AttemptStart;
import io.escalator.store.RunStore;
import io.escalator.workflow.Workflows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * Step 2: one attempt for every open item of a run, each on its item's current tier, in parallel on virtual threads.
 * For each: build the prompt with the item's failure history, reserve the attempt's worst-case cost on the run
 * (refused when it does not fit the budget), call the tier's agent team, run the gates, record the outcome and
 * settle the cost.
 * <p>
 * Safe to repeat: an item whose latest attempt is recorded but not yet decided gets no new attempt, and an attempt
 * key that already exists is never called again. An attempt left started by an invocation that died is closed as
 * interrupted, charged its reservation. One invocation at a time per run is assumed (the state machine and the
 * local driver both guarantee it).
 */
@ApplicationScoped
public class ExecuteTierStep {

    private static final Logger LOG = Logger.getLogger(ExecuteTierStep.class);

    private final RunStore store;
    private final AgentTeam team;
    private final Ladder ladder;
    private final Workflows workflows;
    private final Clock clock;
    private final int itemParallelism;

    @Inject
    public ExecuteTierStep(RunStore store, AgentTeam team, Ladder ladder, Workflows workflows, Clock clock,
                           EscalatorConfig config) {
        this(store, team, ladder, workflows, clock, config.engine().itemParallelism());
    }

    public ExecuteTierStep(RunStore store, AgentTeam team, Ladder ladder, Workflows workflows, Clock clock,
                           int itemParallelism) {
        this.workflows = workflows;
        this.store = store;
        this.team = team;
        this.ladder = ladder;
        this.clock = clock;
        this.itemParallelism = itemParallelism;
    }

    public ExecuteResult execute(String runId) {
        RunState state = RunState.load(store, runId, ladder, workflows);
        Run run = state.run();
        if (run.status() != RunStatus.RUNNING) {
            return new ExecuteResult(runId, 0, 0);
        }
        Attempts.closeInterrupted(store, state.snapshot(), clock.instant());
        List<Item> due = state.snapshot().openItems().stream().filter(item -> isDue(state, item)).toList();
        Semaphore permits = new Semaphore(itemParallelism);
        List<Future<Boolean>> attempts = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Item item : due) {
                attempts.add(threads.submit(() -> {
                    permits.acquire();
                    try {
                        return attempt(state, item);
                    } finally {
                        permits.release();
                    }
                }));
            }
            int made = 0;
            for (Future<Boolean> attempt : attempts) {
                made += attempt.get() ? 1 : 0;
            }
            return new ExecuteResult(runId, made, due.size() - made);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while executing run " + runId, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("executing run " + runId + " failed", e.getCause());
        }
    }

    /** An item is due for an attempt unless its latest attempt still awaits its decision. */
    private static boolean isDue(RunState state, Item item) {
        List<Attempt> attempts = state.attemptsOf(item);
        return attempts.isEmpty() || attempts.getLast().isDecided();
    }


    /** Makes one attempt at an item; false when none was made (budget refused, or another invocation has it). */
    private boolean attempt(RunState state, Item item) {
        if (timeIsUp(state.run())) {
            LOG.debugf("Run %s item %s: no attempt, the run's time cap is reached", item.runId(), item.id());
            return false;
        }
        List<Attempt> earlier = Attempts.completedOnly(state.attemptsOf(item));
        Tier tier = ladder.tier(item.tierIndex());
        TaskContext task = state.task(item, earlier);
        BigDecimal reserve = team.worstCaseCost(tier, task);
        Attempt started = Attempts.started(item, earlier, ladder, reserve, clock.instant());
        AttemptStart start = store.startAttempt(state.run(), started);
        if (start != AttemptStart.STARTED) {
            LOG.debugf("Run %s item %s: no attempt on %s (%s)", item.runId(), item.id(), tier.name(), start);
            return false;
        }
        TeamAnswer answer = team.attempt(tier, task, state.answerCheck(item));
        Instant finished = clock.instant();
        store.completeAttempt(state.run(), Attempts.completed(started, answer, finished));
        return true;
    }

    /**
     * The time cap is checked here as well as by Decide: this step can run long after the last Decide (a run resumed
     * after a restart, a retried step, items waiting for a parallelism permit), and an attempt started after the cap
     * would spend money the budget no longer allows. The item is deferred; Decide then closes it BUDGET_EXHAUSTED.
     */
    private boolean timeIsUp(Run run) {
        Duration cap = run.budget().maxDuration();
        return cap != null && Duration.between(run.createdAt(), clock.instant()).compareTo(cap) >= 0;
    }

    /**
     * @param attempted attempts made
     * @param deferred  items that got no attempt this time (their reservation did not fit while others ran)
     */
    public record ExecuteResult(String runId, int attempted, int deferred) {
    }
}
