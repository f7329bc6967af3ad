package io.escalator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.analytics.DailyFigures;
import io.escalator.analytics.RunRollup;
import io.escalator.cost.TierHistory;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.StoreRecords;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rolling runs up into the history and the daily aggregates: exactly once, and adding up under concurrency. */
@ExtendWith(DynamoDbLocalExtension.class)
class HistoryStoreTest {

    private static final LocalDate DAY = LocalDate.parse("2100-03-01");
    private static final String LADDER = StoreRecords.FINGERPRINT;

    private RunStore runs;
    private HistoryStore history;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        String table = dynamoDb.uniqueTableName("runs");
        EscalatorTable.createIfMissing(dynamoDb.client(), table);
        runs = new RunStore(dynamoDb.client(), table, Duration.ofDays(30));
        history = new HistoryStore(dynamoDb.client(), table);
    }

    private String storedRun(String id) {
        runs.createRun(StoreRecords.run(id, StoreRecords.T0, io.escalator.policy.BudgetLimits.NONE), List.of(StoreRecords.openItem(id, "a")));
        return id;
    }

    /** One item, resolved on cheap at its second attempt. */
    private static RunRollup rollup(String cost, long cheapAttempts) {
        TierHistory cheap = new TierHistory(0, "cheap", 1, 1, 0, cheapAttempts, cheapAttempts, 10 * cheapAttempts,
                new BigDecimal(cost), new BigDecimal("150.5"), Map.of(1, 1L, 2, cheapAttempts - 1), Map.of(2, 1L));
        return new RunRollup("prompt", DAY, 1, 1, 1, new BigDecimal(cost), new BigDecimal("0.0525"), List.of(cheap));
    }

    @Test
    void aRunRolledUpTwiceIsCountedOnce() {
        String run = storedRun("run-1");

        assertThat(history.rollUp(run, LADDER, rollup("0.0009", 2))).isTrue();
        assertThat(history.rollUp(run, LADDER, rollup("0.0009", 2))).isFalse();

        DailyFigures day = history.daily("prompt", DAY, DAY).getFirst();
        assertThat(day.runs()).isEqualTo(1);
        assertThat(day.cost()).isEqualByComparingTo("0.0009");
        assertThat(day.tiers()).singleElement().satisfies(tier -> {
            assertThat(tier.tierName()).isEqualTo("cheap");
            assertThat(tier.attempts()).isEqualTo(2);
            assertThat(tier.cqsSum()).isEqualByComparingTo("150.5");
            assertThat(tier.attemptsByNumber()).isEqualTo(Map.of(1, 1L, 2, 1L));
            assertThat(tier.successesByNumber()).isEqualTo(Map.of(2, 1L));
        });
        assertThat(history.tierHistory("prompt", LADDER).get(0).attempts()).isEqualTo(2);
    }

    @Test
    void aRunRolledUpAgainWithMoreWorkAddsOnlyTheDifference() {
        String run = storedRun("run-1");
        history.rollUp(run, LADDER, rollup("0.0009", 2));

        assertThat(history.rollUp(run, LADDER, rollup("0.00135", 3))).isTrue();

        DailyFigures day = history.daily("prompt", DAY, DAY).getFirst();
        assertThat(day.runs()).isEqualTo(1);
        assertThat(day.cost()).isEqualByComparingTo("0.00135");
        assertThat(day.tiers().getFirst().attempts()).isEqualTo(3);
        assertThat(day.tiers().getFirst().attemptsByNumber()).isEqualTo(Map.of(1, 1L, 2, 2L));
        assertThat(history.tierHistory("prompt", LADDER).get(0).cost()).isEqualByComparingTo("0.00135");
    }

    @Test
    void runsFinishingAtTheSameMomentAddUpExactly() throws Exception {
        int count = 24;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(storedRun("run-" + i));
        }
        List<Callable<Boolean>> rollUps = new ArrayList<>();
        // every run twice, from different threads: each must count once
        for (String id : ids) {
            rollUps.add(() -> history.rollUp(id, LADDER, rollup("0.0009", 2)));
            rollUps.add(() -> history.rollUp(id, LADDER, rollup("0.0009", 2)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long added = 0;
        try {
            for (Future<Boolean> result : pool.invokeAll(rollUps)) {
                added += result.get() ? 1 : 0;
            }
        } finally {
            pool.shutdown();
        }

        assertThat(added).isEqualTo(count);
        DailyFigures day = history.daily("prompt", DAY, DAY).getFirst();
        assertThat(day.runs()).isEqualTo(count);
        assertThat(day.cost()).isEqualByComparingTo(new BigDecimal("0.0009").multiply(BigDecimal.valueOf(count)));
        assertThat(day.tiers().getFirst().attempts()).isEqualTo(2L * count);
        assertThat(history.tierHistory("prompt", LADDER).get(0).itemsResolved()).isEqualTo(count);
    }

    @Test
    void aRunThatIsGoneCannotBeRolledUp() {
        assertThatThrownBy(() -> history.rollUp("missing", LADDER, rollup("0.0009", 2)))
                .isInstanceOf(RunNotFoundException.class);
        assertThat(history.daily("prompt", DAY, DAY)).isEmpty();
    }
}
