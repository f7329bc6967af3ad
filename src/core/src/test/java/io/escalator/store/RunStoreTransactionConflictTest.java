package io.escalator.store;

import static io.escalator.testkit.StoreRecords.completed;
import static io.escalator.testkit.StoreRecords.openItem;
import static io.escalator.testkit.StoreRecords.run;
import static io.escalator.testkit.StoreRecords.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.policy.Action;
import io.escalator.policy.BudgetLimits;
import io.escalator.run.Attempt;
import io.escalator.run.AttemptDecision;
import io.escalator.run.Item;
import io.escalator.run.ItemStatus;
import io.escalator.run.Run;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * DynamoDB cancels a transaction with {@code TransactionConflict} when another transaction writes one of its records at
 * the same moment, as the items of a run do on its run record. DynamoDB Local serialises transactions and never does
 * this, so these tests inject the cancellations DynamoDB documents in front of a real DynamoDB Local.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class RunStoreTransactionConflictTest {

    private static final Instant T0 = Instant.parse("2100-03-01T10:00:00Z");

    private final AtomicInteger conflictsToInject = new AtomicInteger();
    private final AtomicInteger transactions = new AtomicInteger();
    private RunStore store;
    private RunStore plainStore;

    @BeforeEach
    void createTable(DynamoDbLocal dynamoDb) {
        String table = dynamoDb.uniqueTableName("runs");
        EscalatorTable.createIfMissing(dynamoDb.client(), table);
        store = new RunStore(conflicting(dynamoDb.client()), table, Duration.ofDays(30));
        plainStore = new RunStore(dynamoDb.client(), table, Duration.ofDays(30));
    }

    @Test
    void aReservationThatMeetsAConcurrentTransactionIsTriedAgainAndMadeOnce() {
        Run run = run("run-1", T0, new BudgetLimits(BigDecimal.ONE, null, 5));
        plainStore.createRun(run, List.of(openItem("run-1", "a")));
        conflictsToInject.set(3);

        assertThat(store.startAttempt(run, started("run-1", "a", 1, new BigDecimal("0.4"), T0))).isEqualTo(AttemptStart.STARTED);

        assertThat(transactions).hasValue(4);
        Run after = plainStore.findRun("run-1").orElseThrow();
        assertThat(after.committedCost()).isEqualByComparingTo("0.4");
        assertThat(after.attemptsStarted()).isEqualTo(1);
    }

    @Test
    void aCompletionThatMeetsAConcurrentTransactionIsTriedAgainAndSettledOnce() {
        Run run = run("run-1", T0, new BudgetLimits(BigDecimal.ONE, null, 5));
        plainStore.createRun(run, List.of(openItem("run-1", "a")));
        Attempt attempt = started("run-1", "a", 1, new BigDecimal("0.4"), T0);
        plainStore.startAttempt(run, attempt);
        conflictsToInject.set(2);

        assertThat(store.completeAttempt(run, completed(attempt, new BigDecimal("0.1"), T0.plusSeconds(1)))).isTrue();

        Run after = plainStore.findRun("run-1").orElseThrow();
        assertThat(after.committedCost()).isEqualByComparingTo("0.1");
        assertThat(after.spentCost()).isEqualByComparingTo("0.1");
        assertThat(plainStore.load("run-1").attempts().getFirst().isCompleted()).isTrue();
    }

    @Test
    void aDecisionThatMeetsAConcurrentTransactionIsNotTakenForAnAlreadyDecidedOne() {
        Run run = run("run-1", T0, BudgetLimits.NONE);
        Item open = openItem("run-1", "a");
        plainStore.createRun(run, List.of(open));
        Attempt attempt = started("run-1", "a", 1, new BigDecimal("0.4"), T0);
        plainStore.startAttempt(run, attempt);
        Attempt done = completed(attempt, new BigDecimal("0.1"), T0.plusSeconds(1));
        plainStore.completeAttempt(run, done);
        AttemptDecision succeed = new AttemptDecision(Action.SUCCEED, "success", "good");
        conflictsToInject.set(2);

        store.recordDecisions(run, List.of(new DecisionRecord(done.withDecision(succeed),
                new Item("run-1", "a", open.input(), ItemStatus.SUCCEEDED, 0, "success", "good", 36.36))));

        assertThat(plainStore.load("run-1").attempts().getFirst().decision()).isEqualTo(succeed);
        assertThat(plainStore.load("run-1").items().getFirst().status()).isEqualTo(ItemStatus.SUCCEEDED);
    }

    @Test
    void aTransactionThatKeepsConflictingFailsInsteadOfLooping() {
        Run run = run("run-1", T0, BudgetLimits.NONE);
        plainStore.createRun(run, List.of(openItem("run-1", "a")));
        conflictsToInject.set(Integer.MAX_VALUE);

        assertThatThrownBy(() -> store.startAttempt(run, started("run-1", "a", 1, BigDecimal.ONE, T0)))
                .isInstanceOf(TransactionCanceledException.class);
        assertThat(transactions).hasValue(RunStore.CONFLICT_TRIES);
        assertThat(plainStore.findRun("run-1").orElseThrow().attemptsStarted()).isZero();
    }

    private DynamoDbClient conflicting(DynamoDbClient real) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("transactWriteItems")) {
                        transactions.incrementAndGet();
                        if (conflictsToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            throw TransactionCanceledException.builder()
                                    .message("Transaction cancelled, please refer cancellation reasons for specific "
                                            + "reasons [TransactionConflict, None]")
                                    .cancellationReasons(
                                            CancellationReason.builder().code("TransactionConflict")
                                                    .message("Transaction is ongoing for the item").build(),
                                            CancellationReason.builder().code("None").build())
                                    .build();
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
