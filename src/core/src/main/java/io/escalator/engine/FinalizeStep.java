package io.escalator.engine;

import io.escalator.analytics.RollupRecorder;
import io.escalator.ladder.AgentModel;
import io.escalator.ladder.AgentRole;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.Tier;
import io.escalator.model.ChatModels;
import io.escalator.model.ChatPrompt;
import io.escalator.report.Savings;
import io.escalator.run.Attempt;
import io.escalator.run.AttemptState;
import io.escalator.run.Item;
import io.escalator.run.ItemStatus;
import io.escalator.run.Run;
import io.escalator.run.RunSnapshot;
import io.escalator.run.RunStatus;
import io.escalator.run.RunTotals;
import io.escalator.store.RunStore;
import io.escalator.support.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Step 4: ends a run. Its status follows its items: NEEDS_HUMAN if any item needs a person, else BUDGET_EXHAUSTED if
 * the budget stopped any, else FAILED if any failed, else SUCCEEDED. A run still waiting for approval (its deadline
 * passed) is CANCELLED. Attempts an invocation left unfinished are closed first and charged their reservation, so
 * the stored totals (and the savings against the top tier alone) hold every dollar that may have been spent. Given a
 * failure (a step that could not go on), closes what is still open as FAILED with that reason. Safe to repeat: a
 * finished run stays as it is, and only gets its totals if it ended without them (cancelled by a person).
 */
@ApplicationScoped
public class FinalizeStep {

    private final RunStore store;
    private final Ladder ladder;
    private final Clock clock;
    private final RollupRecorder rollups;
    private final ChatModels models;

    /** @param models the chat models, asked for the top tier's cost of an item when its provider knows it exactly */
    public FinalizeStep(RunStore store, Ladder ladder, Clock clock, RollupRecorder rollups, ChatModels models) {
        this.store = store;
        this.ladder = ladder;
        this.clock = clock;
        this.rollups = rollups;
        this.models = models;
    }

    public FinalizeResult finalizeRun(String runId) {
        return finalizeRun(runId, null);
    }

    /** @param failure why the run could not go on, or {@code null} when it ran its course */
    public FinalizeResult finalizeRun(String runId, String failure) {
        RunSnapshot snapshot = store.load(runId);
        Run run = snapshot.run();
        if (run.status().isTerminal()) {
            RunTotals totals = run.totals();
            if (totals == null) {
                snapshot.openItems().forEach(item -> closeItem(snapshot, item, ItemStatus.CANCELLED, "run-cancelled",
                        run.statusReason()));
                totals = savings(snapshot, snapshot.attempts());
                store.saveTotals(runId, totals);
            }
            // a repeated Finalize completes what an interrupted one may have left: adding nothing if it was done
            rollups.rollUpQuietly(store.load(runId), totals);
            return new FinalizeResult(runId, run.status());
        }
        List<Attempt> attempts = Attempts.closeInterrupted(store, snapshot, clock.instant());
        RunTotals totals = savings(snapshot, attempts);
        if (run.status() == RunStatus.AWAITING_APPROVAL) {
            String reason = "approval was not given" + (failure == null ? "" : ": " + failure);
            snapshot.openItems().forEach(item -> closeItem(snapshot, item, ItemStatus.CANCELLED, "run-cancelled", reason));
            return new FinalizeResult(runId, finish(snapshot, RunStatus.CANCELLED, reason, totals, false));
        }
        // Attempts closed as interrupted, or items failed below, are written here: the rollup then reads the run again.
        boolean unchanged = snapshot.attempts().stream().noneMatch(attempt -> attempt.state() == AttemptState.STARTED)
                && (failure == null || snapshot.openItems().isEmpty());
        List<Item> items = snapshot.items();
        boolean failureClosedItems = failure != null && items.stream().anyMatch(Item::isOpen);
        if (failure != null) {
            items = items.stream().map(item -> item.isOpen() ? failItem(snapshot, item, failure) : item).toList();
        }
        Map<ItemStatus, Long> counts = items.stream().collect(Collectors.groupingBy(Item::status, Collectors.counting()));
        RunStatus status = statusOf(counts);
        // When other items decide the status (NEEDS_HUMAN, BUDGET_EXHAUSTED), the failure that stopped the run must
        // still be told: it is why the run ended.
        String reason = failure != null && status == RunStatus.FAILED ? failure
                : failureClosedItems ? summary(counts, items.size()) + ": " + failure
                : summary(counts, items.size());
        return new FinalizeResult(runId, finish(snapshot, status, reason, totals, unchanged));
    }

    /**
     * Ends the run, then adds it to its workflow's history (for estimates and pattern learning) and analytics: all of
     * it the first time, what changed when it ends again after a person's decision. The rollup reads the run's items
     * and attempts (and, of the run record, what never changes): when this step wrote none of them
     * ({@code unchanged}) and ended the run itself, they are as the snapshot has them, and the run is not read again.
     *
     * @return the run's status: the one given when this ended it, else the one it has (another invocation ended it)
     */
    private RunStatus finish(RunSnapshot snapshot, RunStatus status, String reason, RunTotals totals, boolean unchanged) {
        String runId = snapshot.run().id();
        boolean ended = store.finishRun(runId, status, reason, totals, clock.instant());
        rollups.rollUpQuietly(unchanged && ended ? snapshot : store.load(runId), totals);
        return ended ? status : store.findRun(runId).orElseThrow().status();
    }

    private RunTotals savings(RunSnapshot snapshot, List<Attempt> attempts) {
        Ladder runLadder = runLadder(snapshot);
        Tier top = runLadder.top();
        AgentModel generator = top.modelFor(AgentRole.GENERATOR);
        Map<String, String> inputs = snapshot.items().stream().filter(item -> item.input() != null)
                .collect(Collectors.toMap(Item::id, Item::input));
        return Savings.of(attempts, runLadder, itemId -> Optional.ofNullable(inputs.get(itemId))
                .flatMap(input -> models.knownCost(top, generator, ChatPrompt.aboutItem(input))));
    }

    private Item failItem(RunSnapshot snapshot, Item item, String failure) {
        return closeItem(snapshot, item, ItemStatus.FAILED, "run-failed", failure);
    }

    private Item closeItem(RunSnapshot snapshot, Item item, ItemStatus status, String rule, String reason) {
        Item closed = new Item(item.runId(), item.id(), item.input(), status, item.tierIndex(), rule, reason, null);
        store.updateOpenItem(snapshot.run(), closed);
        return closed;
    }

    /** The ladder the run was started on: prices for the savings come from it even if the configuration changed. */
    private Ladder runLadder(RunSnapshot snapshot) {
        return snapshot.run().ladderFingerprint().equals(ladder.fingerprint())
                ? ladder : Json.read(snapshot.run().ladderJson(), Ladder.class);
    }

    private static RunStatus statusOf(Map<ItemStatus, Long> counts) {
        if (counts.containsKey(ItemStatus.NEEDS_HUMAN)) {
            return RunStatus.NEEDS_HUMAN;
        }
        if (counts.containsKey(ItemStatus.BUDGET_EXHAUSTED)) {
            return RunStatus.BUDGET_EXHAUSTED;
        }
        if (counts.containsKey(ItemStatus.FAILED) || counts.containsKey(ItemStatus.OPEN)) {
            return RunStatus.FAILED;
        }
        return RunStatus.SUCCEEDED;
    }

    private static String summary(Map<ItemStatus, Long> counts, int total) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getValue() + " of " + total + " items " + entry.getKey().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", "));
    }

    public record FinalizeResult(String runId, RunStatus status) {
    }
}
