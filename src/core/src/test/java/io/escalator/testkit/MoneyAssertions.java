package io.escalator.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.run.Attempt;
import io.escalator.run.Run;
import java.math.BigDecimal;

/** Money is data: what a run spent, what it has committed, and what its attempts recorded all agree. */
public final class MoneyAssertions {

    private MoneyAssertions() {
    }

    public static void assertSpentIsTheSumOfTheAttempts(Engine engine, String runId, BigDecimal expected) {
        BigDecimal recorded = engine.load(runId).attempts().stream().map(Attempt::cost)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        Run run = engine.run(runId);
        assertThat(recorded).isEqualByComparingTo(expected);
        assertThat(run.spentCost()).isEqualByComparingTo(recorded);
        assertThat(run.committedCost()).isEqualByComparingTo(recorded);
    }
}
