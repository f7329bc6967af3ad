package io.escalator.analytics;

import io.escalator.analytics.TelemetryLadderSuggestion.Basis;
import io.escalator.analytics.TelemetryLadderSuggestion.LadderFigures;
import io.escalator.analytics.TelemetryLadderSuggestion.LeftOutItems;
import io.escalator.analytics.TelemetryLadderSuggestion.Status;
import io.escalator.analytics.TelemetryLadderSuggestion.TierFigure;
import io.escalator.config.EscalatorConfig;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.RunningLadderText;
import io.escalator.ladder.Tier;
import io.escalator.replay.GateNoise;
import io.escalator.replay.LadderOptimizer;
import io.escalator.replay.LadderResult;
import io.escalator.replay.LadderSuggestion;
import io.escalator.replay.ReplayLadderFile;
import io.escalator.replay.ReplayReport;
import io.escalator.replay.TierChoice;
import io.escalator.store.TelemetryStore;
import io.escalator.validation.FieldErrors;
import io.escalator.workflow.Workflows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * A ladder suggestion from the stack's own traffic: the telemetry of a period becomes a recorded dataset
 * ({@link TelemetryDataset}), and the replay optimizer chooses which of the current ladder's tiers to keep and in which
 * order. The gate is exact (each attempt's recorded decision is the real gates' verdict) and each tier runs with its
 * attempts and thresholds as recorded, so a tier is one "attempt" of the optimizer that costs what all of its attempts
 * cost. Reads at most a configured number of telemetry records, newest first.
 */
@ApplicationScoped
public class TelemetryLadderService {

    static final int DEFAULT_DAYS = 30;
    /** The optimizer searches every ordered choice of tiers: 8 tiers are 109,600 ladders. */
    static final int MAX_TIERS = 8;
    private static final int PAGE_SIZE = 1000;
    static final String METHOD = "Each ladder is replayed on the items by the engine's policy with an exact gate: a"
            + " tier solves an item when one of the item's attempts there was decided SUCCEED, and costs what its"
            + " attempts there cost. Kept tiers keep their attempts and thresholds, so the suggestion only keeps,"
            + " drops and reorders tiers; it is at least as accurate as the most accurate single tier.";

    /** The lines drawn; see {@link EscalatorConfig.Recommendations} and {@link EscalatorConfig.Retention}. */
    public record Limits(int minItems, int maxCalls, int maxDays) {

        public static Limits of(EscalatorConfig config) {
            return new Limits(config.recommendations().minItemsForLadder(), config.recommendations().maxCallsForLadder(),
                    config.retention().telemetryDays());
        }
    }

    private final TelemetryStore telemetry;
    private final Workflows workflows;
    private final Ladder ladder;
    private final Supplier<String> ladderFile;
    private final Clock clock;
    private final Limits limits;

    @Inject
    public TelemetryLadderService(TelemetryStore telemetry, Workflows workflows, Ladder ladder,
                                  RunningLadderText ladderText, Clock clock, EscalatorConfig config) {
        this(telemetry, workflows, ladder, () -> ladderText.read().json(), clock, Limits.of(config));
    }

    /** @param ladderFile the text of the ladder file {@code ladder} was read from */
    public TelemetryLadderService(TelemetryStore telemetry, Workflows workflows, Ladder ladder,
                                  Supplier<String> ladderFile, Clock clock, Limits limits) {
        this.telemetry = telemetry;
        this.workflows = workflows;
        this.ladder = ladder;
        this.ladderFile = ladderFile;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * @param workflow {@code null} or blank: every workflow (they share the ladder)
     * @param days     the period, ending now: {@code null} or blank for 30 days
     * @throws io.escalator.validation.InvalidRequestException naming every bad parameter
     */
    public TelemetryLadderSuggestion suggest(String workflow, String days) {
        FieldErrors errors = new FieldErrors();
        List<String> names = workflows(workflow, errors);
        int period = days(days, errors);
        errors.throwIfAny();

        Instant until = clock.instant();
        Instant since = until.minus(Duration.ofDays(period));
        RecentCalls recent = RecentCalls.newest(names.stream()
                .map(name -> telemetry.newestFirst(name, since, until, Math.min(limits.maxCalls() + 1, PAGE_SIZE)))
                .toList(), limits.maxCalls());
        TelemetryDataset dataset = TelemetryDataset.of(recent.calls(), recent.limitReached(), ladder,
                "the telemetry of " + (workflow == null || workflow.isBlank() ? "every workflow" : workflow));
        Basis basis = new Basis(since, until, period, recent.calls().size(), limits.maxCalls(), recent.limitReached(),
                dataset.runs(), dataset.items(), limits.minItems(), leftOut(dataset), dataset.tiers(),
                TelemetryDataset.ASSUMPTION, METHOD);
        String scope = blank(workflow) ? null : workflow.strip();

        if (dataset.items() < Math.max(limits.minItems(), 1)) {
            return new TelemetryLadderSuggestion(scope, Status.INSUFFICIENT_HISTORY, "Not enough history for a ladder"
                    + " suggestion: " + dataset.items() + " usable items on the current ladder in the last " + period
                    + " days, " + limits.minItems() + " needed.", basis, null, null, null, List.of());
        }
        return suggestion(scope, dataset, basis);
    }

    private TelemetryLadderSuggestion suggestion(String scope, TelemetryDataset dataset, Basis basis) {
        List<String> observed = dataset.data().models();
        LadderSuggestion learned = LadderOptimizer.suggest(dataset.data(), GateNoise.EXACT,
                new LadderOptimizer.Limits(Math.min(observed.size(), MAX_TIERS), 1));
        LadderResult current = ReplayReport.replay(dataset.data(),
                ReplayLadderFile.ladder(observed.stream().map(tier -> new TierChoice(tier, 1)).toList()), GateNoise.EXACT)
                .ladder();
        LadderResult suggested = learned.training().ladder();

        // Tiers no item reached cost nothing on this history; they stay on top rather than be dropped unseen.
        List<String> kept = new ArrayList<>(suggested.models());
        List<String> notes = new ArrayList<>();
        for (String unobserved : dataset.unobservedTiers()) {
            kept.add(unobserved);
            notes.add("tier '" + unobserved + "': no item of the period reached it, so nothing is known about it; it is"
                    + " kept at the top");
        }
        SuggestedLadderFile file = SuggestedLadderFile.of(ladderFile.get(), ladder, kept);
        notes.addAll(file.notes());

        Double savings = savingsPercent(current.totalCost(), suggested.totalCost());
        String message = kept.equals(tierNames())
                ? "The current ladder is already the cheapest at its accuracy on " + dataset.items() + " items."
                : "Suggested: " + String.join(" > ", kept) + ", solving " + suggested.correct() + " of "
                        + dataset.items() + " items (the current ladder " + current.correct() + ") for "
                        + savings + "% less per item.";
        return new TelemetryLadderSuggestion(scope, Status.SUGGESTED, message, basis,
                figures(current, tierNames(), null), figures(suggested, kept, savings), file.json(), notes);
    }

    /** @param names the ladder's tiers: those replayed, then any that no item reached */
    private LadderFigures figures(LadderResult result, List<String> names, Double savings) {
        List<TierFigure> tiers = IntStream.range(0, names.size())
                .mapToObj(i -> new TierFigure(names.get(i), ladder.tier(ladder.indexOf(names.get(i)).orElseThrow()).model(),
                        i < result.models().size() ? result.reachedShare(i) : 0))
                .toList();
        return new LadderFigures(tiers, result.accuracy(), result.costPerPrompt(), savings);
    }

    private List<String> tierNames() {
        return ladder.tiers().stream().map(Tier::name).toList();
    }

    private static Double savingsPercent(BigDecimal current, BigDecimal suggested) {
        if (current.signum() == 0) {
            return 0.0;
        }
        return BigDecimal.ONE.subtract(suggested.divide(current, MathContext.DECIMAL64)).movePointRight(2)
                .setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    private static List<LeftOutItems> leftOut(TelemetryDataset dataset) {
        return dataset.leftOut().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> new LeftOutItems(entry.getKey(), entry.getValue(), entry.getKey().why())).toList();
    }

    private List<String> workflows(String workflow, FieldErrors errors) {
        if (blank(workflow)) {
            return workflows.names();
        }
        if (workflows.named(workflow.strip()).isEmpty()) {
            errors.add("workflow", workflows.unknown(workflow));
            return List.of();
        }
        return List.of(workflow.strip());
    }

    private int days(String days, FieldErrors errors) {
        if (blank(days)) {
            return DEFAULT_DAYS;
        }
        try {
            int value = Integer.parseInt(days.strip());
            if (value >= 1 && value <= limits.maxDays()) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add("days", "must be a whole number of days from 1 to " + limits.maxDays() + " (telemetry is kept "
                + limits.maxDays() + " days), was '" + days + "'");
        return DEFAULT_DAYS;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
