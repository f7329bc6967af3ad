package io.escalator.store;

import io.escalator.config.EscalatorConfig;
import io.escalator.telemetry.CallRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Telemetry records: one per model call, kept {@code escalator.retention.telemetry-days} (DynamoDB TTL). */
@ApplicationScoped
public class TelemetryStore {

    private final DynamoDbClient client;
    private final String tableName;
    private final Duration retention;
    private final DynamoDbTable<TelemetryEntity> table;

    @Inject
    public TelemetryStore(DynamoDbClient client, EscalatorConfig config) {
        this(client, config.dynamodb().table(), Duration.ofDays(config.retention().telemetryDays()));
    }

    public TelemetryStore(DynamoDbClient client, String tableName, Duration retention) {
        this.client = client;
        this.tableName = tableName;
        this.retention = retention;
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build().table(tableName, TelemetryEntity.SCHEMA);
    }

    /** Writes the records; writing the same call again overwrites it with the same content. */
    public void write(List<CallRecord> calls) {
        List<WriteRequest> puts = calls.stream()
                .map(call -> TelemetryEntity.SCHEMA.itemToMap(TelemetryEntity.of(call, call.at().plus(retention)), true))
                .map(item -> WriteRequest.builder().putRequest(put -> put.item(item)).build())
                .toList();
        BatchWrites.writeFully(client, tableName, puts);
    }

    /** A workflow's calls made in {@code [from, to)}, oldest first. */
    public List<CallRecord> calls(String workflow, Instant from, Instant to) {
        return table.query(between(workflow, from, to)).items().stream()
                .filter(entity -> entity.at.isBefore(to))
                .map(TelemetryEntity::toRecord)
                .toList();
    }

    /**
     * A workflow's calls made in {@code [from, to)}, newest first, read a page of at most {@code pageSize} records at a
     * time as the stream is consumed: a reader that stops early reads no more than that.
     */
    public Stream<CallRecord> newestFirst(String workflow, Instant from, Instant to, int pageSize) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(between(workflow, from, to))
                .scanIndexForward(false)
                .limit(pageSize)
                .build();
        return table.query(request).items().stream()
                .filter(entity -> entity.at.isBefore(to))
                .map(TelemetryEntity::toRecord);
    }

    private static QueryConditional between(String workflow, Instant from, Instant to) {
        Key lower = Key.builder().partitionValue(TelemetryEntity.partition(workflow)).sortValue(SortableTime.of(from)).build();
        Key upper = Key.builder().partitionValue(TelemetryEntity.partition(workflow)).sortValue(SortableTime.of(to)).build();
        return QueryConditional.sortBetween(lower, upper);
    }

    /** Deletes a workflow's calls made before {@code cutoff} (what TTL does in AWS); returns how many. */
    public int deleteBefore(String workflow, Instant cutoff) {
        QueryRequest keysOnly = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("pk = :pk AND sk < :cutoff")
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(TelemetryEntity.partition(workflow)),
                        ":cutoff", AttributeValue.fromS(SortableTime.of(cutoff))))
                .projectionExpression(Keys.PK + ", " + Keys.SK)
                .build();
        List<WriteRequest> deletes = new ArrayList<>();
        int deleted = 0;
        for (Map<String, AttributeValue> key : client.queryPaginator(keysOnly).items()) {
            deletes.add(WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
            if (deletes.size() == BatchWrites.MAX_PER_BATCH) {
                BatchWrites.writeFully(client, tableName, deletes);
                deleted += deletes.size();
                deletes.clear();
            }
        }
        BatchWrites.writeFully(client, tableName, deletes);
        return deleted + deletes.size();
    }
}
