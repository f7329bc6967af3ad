package io.escalator.store;

import io.escalator.support.Pause;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchWriteItem in chunks of 25, sending again what DynamoDB leaves unprocessed (it does so when throttling). */
final class BatchWrites {

    static final int MAX_PER_BATCH = 25;
    private static final int TRIES = 8;

    private BatchWrites() {
    }

    static void writeFully(DynamoDbClient client, String tableName, List<WriteRequest> writes) {
        for (int from = 0; from < writes.size(); from += MAX_PER_BATCH) {
            Map<String, List<WriteRequest>> pending =
                    Map.of(tableName, List.copyOf(writes.subList(from, Math.min(from + MAX_PER_BATCH, writes.size()))));
            for (int tryNumber = 1; !pending.isEmpty(); tryNumber++) {
                if (tryNumber > TRIES) {
                    throw new IllegalStateException("DynamoDB left " + pending.get(tableName).size()
                            + " writes unprocessed after " + TRIES + " tries");
                }
                Map<String, List<WriteRequest>> request = pending;
                pending = client.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                if (!pending.isEmpty()) {
                    Pause.sleep(Duration.ofMillis(25L << tryNumber), "retrying a DynamoDB batch write");
                }
            }
        }
    }

}
