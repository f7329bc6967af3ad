package io.escalator.store;

import io.escalator.support.Pause;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** TransactWriteItems, and reading why DynamoDB cancelled one. */
final class Transactions {

    private static final Logger LOG = Logger.getLogger(Transactions.class);
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String TRANSACTION_CONFLICT = "TransactionConflict";
    /** Tries of a transaction that keeps meeting concurrent ones on the same record (about 5 s in all at worst). */
    static final int CONFLICT_TRIES = 9;

    private Transactions() {
    }

    /**
     * Runs a transaction, trying again while DynamoDB cancels it only because another transaction was writing one of
     * its records at the same moment (TransactionConflict). Items of a run reserve and settle on the same run record in
     * parallel, and finished runs add to the same aggregates, so such conflicts are expected under load; as no
     * condition failed, nothing was written and trying again is safe. Any other cancellation is the caller's to read.
     */
    static void write(DynamoDbClient client, List<TransactWriteItem> writes) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.transactWriteItems(b -> b.transactItems(writes));
                return;
            } catch (TransactionCanceledException e) {
                if (!conflictOnly(e) || attempt >= CONFLICT_TRIES) {
                    throw e;
                }
                LOG.debugf("Transaction conflict (try %d); trying again", attempt);
                Pause.sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(5, 10L << attempt)),
                        "retrying a DynamoDB transaction");
            }
        }
    }

    static boolean anyConditionFailed(TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && reasons.stream().anyMatch(reason -> CONDITION_FAILED.equals(reason.code()));
    }

    /** Whether the condition of the write at {@code action} (its place in the transaction) failed. */
    static boolean conditionFailed(TransactionCanceledException e, int action) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && reasons.size() > action && CONDITION_FAILED.equals(reasons.get(action).code());
    }

    private static boolean conflictOnly(TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && !anyConditionFailed(e)
                && reasons.stream().anyMatch(reason -> TRANSACTION_CONFLICT.equals(reason.code()));
    }

}
