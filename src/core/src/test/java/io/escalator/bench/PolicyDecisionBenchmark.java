package io.escalator.bench;

import io.escalator.ladder.Ladder;
import io.escalator.ladder.LadderLoader;
import io.escalator.policy.AttemptOutcome;
import io.escalator.policy.BudgetLimits;
import io.escalator.policy.BudgetState;
import io.escalator.policy.Decision;
import io.escalator.policy.EscalationPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A benchmark, not a test: the policy's decision for one item ({@link EscalationPolicy#decide}), on the bundled
 * default ladder (cheap, capable, premium with the tiers' default thresholds), after 1, 3 or 6 attempts of an item
 * that climbs the whole ladder:
 * <pre>
 * 1  cheap 40                                      RETRY (min-attempts)
 * 3  cheap 40, cheap 42, capable 65                RETRY (min-attempts)
 * 6  ... capable 78, capable 79, premium 72        NEEDS_HUMAN (top-tier-failed)
 * </pre>
 * {@code budget} is the run's budget: none, or a cost, time and attempt cap with room left (every limit checked, the
 * worst case of the next attempt included). Run it with {@link Jmh} (see the README's Performance section).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyDecisionBenchmark {

    /** An item's attempts as it climbs: two on cheap, three on capable (the last gaining too little), one on premium. */
    static final List<AttemptOutcome> CLIMB = List.of(
            AttemptOutcome.answered(0, 40, 0.6, 0),
            AttemptOutcome.answered(0, 42, 0.58, 0),
            AttemptOutcome.answered(1, 65, 0.35, 0),
            AttemptOutcome.answered(1, 78, 0.22, 0),
            AttemptOutcome.answered(1, 79, 0.21, 0),
            AttemptOutcome.answered(2, 72, 0.28, 0));

    @Param({"1", "3", "6"})
    public int attempts;

    @Param({"none", "capped"})
    public String budget;

    private Ladder ladder;
    private List<AttemptOutcome> history;
    private BudgetState budgetState;

    @Setup
    public void setUp() {
        ladder = new LadderLoader(Map.<String, String>of()::get).loadDefault();
        history = List.copyOf(CLIMB.subList(0, attempts));
        BudgetLimits limits = budget.equals("none") ? BudgetLimits.NONE
                : new BudgetLimits(new BigDecimal("5.00"), Duration.ofMinutes(30), 100);
        BigDecimal worstCase = new BigDecimal("0.0123");
        budgetState = new BudgetState(limits, new BigDecimal("0.4567"), Duration.ofSeconds(42), attempts,
                tierIndex -> worstCase);
    }

    @Benchmark
    public Decision decide() {
        return EscalationPolicy.decide(history, ladder, budgetState);
    }
}
