package io.escalator.store;

import static io.escalator.testkit.StoreRecords.completed;
import static io.escalator.testkit.StoreRecords.openItem;
import static io.escalator.testkit.StoreRecords.run;
import static io.escalator.testkit.StoreRecords.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.policy.BudgetLimits;
import io.escalator.run.Attempt;
import io.escalator.run.Run;
import io.escalator.run.RunSnapshot;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many items reserving on one run at the same time: the budget cap must hold exactly. */
@ExtendWith(DynamoDbLocalExtension.class)
class RunStoreConcurrencyTest {

    private static final Instant T0 = Instant.parse("2100-03-01T10:00:00Z");
    private static final int THREADS = 20;
    private static final BigDecimal RESERVE = new BigDecimal("0.07");
    private static final BigDecimal MAX_COST = new BigDecimal("0.5");
    private static final int FITTING = MAX_COST.divideToIntegralValue(RESERVE).intValueExact();

    private RunStore store;

    @BeforeEach
    void createTable(DynamoDbLocal dynamoDb) {
        String table = dynamoDb.uniqueTableName("runs");
        EscalatorTable.createIfMissing(dynamoDb.client(), table);
        store = new RunStore(dynamoDb.client(), table, Duration.ofDays(30));
    }

    @RepeatedTest(5)
    void concurrentReservationsNeverPassMaxCostAndExactlyThoseThatFitSucceed() throws Exception {
        Run run = run("contended", T0, new BudgetLimits(MAX_COST, null, null));
        List<String> items = IntStream.range(0, THREADS).mapToObj(i -> "item-" + i).toList();
        store.createRun(run, items.stream().map(id -> openItem(run.id(), id)).toList());

        List<AttemptStart> results = all(items, id -> store.startAttempt(run, started(run.id(), id, 1, RESERVE, T0)));

        Map<AttemptStart, Long> counts = results.stream().collect(Collectors.groupingBy(r -> r, Collectors.counting()));
        assertThat(counts).containsOnlyKeys(AttemptStart.STARTED, AttemptStart.BUDGET_REFUSED);
        assertThat(counts.get(AttemptStart.STARTED)).isEqualTo(FITTING);
        Run reserved = store.findRun(run.id()).orElseThrow();
        assertThat(reserved.committedCost()).isLessThanOrEqualTo(MAX_COST)
                .isEqualByComparingTo(RESERVE.multiply(BigDecimal.valueOf(FITTING)));
        assertThat(reserved.attemptsStarted()).isEqualTo(FITTING);
        List<Attempt> recorded = store.load(run.id()).attempts();
        assertThat(recorded).hasSize(FITTING);

        List<Boolean> settled = all(recorded, attempt -> store.completeAttempt(run,
                completed(attempt, new BigDecimal("0.03"), T0.plusSeconds(1))));

        assertThat(settled).containsOnly(true);
        RunSnapshot after = store.load(run.id());
        BigDecimal spent = new BigDecimal("0.03").multiply(BigDecimal.valueOf(FITTING));
        assertThat(after.run().spentCost()).isEqualByComparingTo(spent);
        assertThat(after.run().committedCost()).isEqualByComparingTo(spent);
    }

    @RepeatedTest(3)
    void concurrentStartsOfTheSameAttemptReserveOnce() throws Exception {
        Run run = run("same-attempt", T0, new BudgetLimits(MAX_COST, null, 10));
        store.createRun(run, List.of(openItem(run.id(), "a")));

        List<AttemptStart> results = all(IntStream.range(0, THREADS).boxed().toList(),
                i -> store.startAttempt(run, started(run.id(), "a", 1, RESERVE, T0)));

        assertThat(results).filteredOn(r -> r == AttemptStart.STARTED).hasSize(1);
        assertThat(results).filteredOn(r -> r != AttemptStart.STARTED).containsOnly(AttemptStart.ALREADY_STARTED);
        Run after = store.findRun(run.id()).orElseThrow();
        assertThat(after.committedCost()).isEqualByComparingTo(RESERVE);
        assertThat(after.attemptsStarted()).isEqualTo(1);
    }

    /** Runs the action for every input on its own thread, all released at once, and returns the results in order. */
    private static <T, R> List<R> all(List<T> inputs, Function<T, R> action) throws Exception {
        CountDownLatch ready = new CountDownLatch(inputs.size());
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(inputs.size())) {
            List<Future<R>> futures = new ArrayList<>();
            for (T input : inputs) {
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return action.apply(input);
                }));
            }
            ready.await();
            go.countDown();
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
