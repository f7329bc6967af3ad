package io.escalator.analytics;

import io.escalator.config.EscalatorConfig;
import io.escalator.ladder.Ladder;
import io.escalator.store.HistoryStore;
import io.escalator.validation.FieldErrors;
import io.escalator.workflow.Workflows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Analytics over a period and pattern learning, for one workflow or all of them. Reads only aggregates (Query). */
@ApplicationScoped
public class AnalyticsService {

    /** The period shown when none is asked for: the last 30 days, today included. */
    static final int DEFAULT_DAYS = 30;
    /** A period of at most this many days: about ten years of records, per workflow, in one answer. */
    static final int MAX_DAYS = 3660;

    private final HistoryStore history;
    private final Workflows workflows;
    private final Ladder ladder;
    private final Clock clock;
    private final Recommendations.Thresholds thresholds;

    @Inject
    public AnalyticsService(HistoryStore history, Workflows workflows, Ladder ladder, Clock clock,
                            EscalatorConfig config) {
        this(history, workflows, ladder, clock, Recommendations.Thresholds.of(config.recommendations()));
    }

    public AnalyticsService(HistoryStore history, Workflows workflows, Ladder ladder, Clock clock,
                            Recommendations.Thresholds thresholds) {
        this.history = history;
        this.workflows = workflows;
        this.ladder = ladder;
        this.clock = clock;
        this.thresholds = thresholds;
    }

    /**
     * @param workflow {@code null} or blank: all workflows
     * @param since    first day (ISO date, UTC), {@code null}: 29 days before {@code until}
     * @param until    last day, {@code null}: today
     * @throws io.escalator.validation.InvalidRequestException naming every bad parameter
     */
    public Analytics analytics(String workflow, String since, String until) {
        FieldErrors errors = new FieldErrors();
        List<String> names = workflows(workflow, errors);
        LocalDate last = date("until", until, errors, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        LocalDate first = date("since", since, errors, last == null ? null : last.minusDays(DEFAULT_DAYS - 1));
        if (first != null && last != null) {
            if (first.isAfter(last)) {
                errors.add("since", "must not be after until (" + first + " > " + last + ")");
            } else if (first.plusDays(MAX_DAYS).isBefore(last)) {
                errors.add("since", "the period may span at most " + MAX_DAYS + " days");
            }
        }
        errors.throwIfAny();
        List<DailyFigures> daily = new ArrayList<>();
        names.forEach(name -> daily.addAll(history.daily(name, first, last)));
        return Analytics.of(blank(workflow) ? null : workflow, first, last, daily);
    }

    /** @param workflow {@code null} or blank: every workflow's advice */
    public List<Recommendation> recommendations(String workflow) {
        FieldErrors errors = new FieldErrors();
        List<String> names = workflows(workflow, errors);
        errors.throwIfAny();
        return names.stream().flatMap(name -> Recommendations.of(name, ladder,
                history.tierHistory(name, ladder.fingerprint()), thresholds).stream()).toList();
    }

    private List<String> workflows(String workflow, FieldErrors errors) {
        if (blank(workflow)) {
            return workflows.names();
        }
        if (workflows.named(workflow).isEmpty()) {
            errors.add("workflow", "unknown workflow '" + workflow + "'; known: " + String.join(", ", workflows.names()));
            return List.of();
        }
        return List.of(workflow);
    }

    private static LocalDate date(String field, String value, FieldErrors errors, LocalDate byDefault) {
        if (blank(value)) {
            return byDefault;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(field, "must be a date like 2026-11-20, was '" + value + "'");
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
