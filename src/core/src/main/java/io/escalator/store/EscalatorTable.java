package io.escalator.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates the engine's table where nothing else does (the local stack, tests), and brings a table made by an older
 * version up to date. In AWS the SAM template declares the same table; keep the two in step.
 */
public final class EscalatorTable {

    private static final Logger LOG = Logger.getLogger(EscalatorTable.class);
    private static final Duration INDEX_CREATION_WAIT = Duration.ofMinutes(5);

    private EscalatorTable() {
    }

    /** Creates the table, or adds to an existing one the indexes it lacks. */
    public static void createOrUpgrade(DynamoDbClient client, String tableName) {
        if (!createIfMissing(client, tableName)) {
            addMissingIndexes(client, tableName);
        }
    }

    /** Creates the table with all its indexes unless it exists; true when it did. */
    public static boolean createIfMissing(DynamoDbClient client, String tableName) {
        try {
            client.describeTable(b -> b.tableName(tableName));
            return false;
        } catch (ResourceNotFoundException missing) {
            LOG.infof("Creating DynamoDB table %s", tableName);
        }
        try {
            client.createTable(definition(tableName));
        } catch (ResourceInUseException createdMeanwhile) {
            return false;
        }
        client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        client.updateTimeToLive(b -> b.tableName(tableName)
                .timeToLiveSpecification(ttl -> ttl.enabled(true).attributeName(Keys.EXPIRES_AT)));
        return true;
    }

    /**
     * Adds the indexes a table made by an older version lacks, one at a time (DynamoDB creates one per UpdateTable),
     * and writes the workflow index's keys on the runs stored before it existed, so they are listed by it too. The
     * owner index needs none: runs stored before it have no owner.
     */
    static void addMissingIndexes(DynamoDbClient client, String tableName) {
        TableDescription table = client.describeTable(b -> b.tableName(tableName)).table();
        Set<String> present = table.hasGlobalSecondaryIndexes()
                ? table.globalSecondaryIndexes().stream().map(GlobalSecondaryIndexDescription::indexName)
                        .collect(Collectors.toSet())
                : Set.of();
        for (RunIndex index : RunIndex.values()) {
            if (present.contains(index.indexName())) {
                continue;
            }
            LOG.infof("Adding index %s to DynamoDB table %s", index.indexName(), tableName);
            client.updateTable(b -> b.tableName(tableName)
                    .attributeDefinitions(stringAttributes(index.partitionKey(), index.sortKey()))
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(index.indexName())
                            .keySchema(indexKeySchema(index))
                            .projection(allAttributes()))));
            awaitActive(client, tableName, index);
            if (index == RunIndex.BY_WORKFLOW) {
                addWorkflowKeys(client, tableName);
            }
        }
    }

    /**
     * Gives every stored run the keys of {@link RunIndex#BY_WORKFLOW}, reading the runs by Query on
     * {@link RunIndex#BY_TIME}. A run deleted meanwhile stays deleted.
     */
    private static void addWorkflowKeys(DynamoDbClient client, String tableName) {
        QueryRequest allRuns = QueryRequest.builder()
                .tableName(tableName)
                .indexName(Keys.RUNS_BY_TIME)
                .keyConditionExpression("#pk = :runs")
                .expressionAttributeNames(Map.of("#pk", Keys.GSI1_PK))
                .expressionAttributeValues(Map.of(":runs", AttributeValue.fromS(Keys.ALL_RUNS)))
                .build();
        int updated = 0;
        for (Map<String, AttributeValue> run : client.queryPaginator(allRuns).items()) {
            try {
                client.updateItem(b -> b.tableName(tableName)
                        .key(Map.of(Keys.PK, run.get(Keys.PK), Keys.SK, run.get(Keys.SK)))
                        .updateExpression("SET #wpk = :wpk, #wsk = :wsk")
                        .conditionExpression("attribute_exists(#pk)")
                        .expressionAttributeNames(Map.of("#wpk", Keys.GSI3_PK, "#wsk", Keys.GSI3_SK, "#pk", Keys.PK))
                        .expressionAttributeValues(Map.of(
                                ":wpk", AttributeValue.fromS(Keys.workflow(run.get(RunEntity.WORKFLOW).s())),
                                ":wsk", run.get(Keys.GSI1_SK))));
                updated++;
            } catch (ConditionalCheckFailedException deletedMeanwhile) {
                LOG.debugf("Run %s was deleted before it got its workflow index keys", run.get(Keys.PK).s());
            }
        }
        LOG.infof("Indexed %d stored runs by workflow", updated);
    }

    private static void awaitActive(DynamoDbClient client, String tableName, RunIndex index) {
        Instant deadline = Instant.now().plus(INDEX_CREATION_WAIT);
        while (true) {
            TableDescription table = client.describeTable(b -> b.tableName(tableName)).table();
            boolean active = table.tableStatus() == TableStatus.ACTIVE && table.globalSecondaryIndexes().stream()
                    .anyMatch(gsi -> gsi.indexName().equals(index.indexName())
                            && (gsi.indexStatus() == null || gsi.indexStatus() == IndexStatus.ACTIVE));
            if (active) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("index " + index.indexName() + " of table " + tableName
                        + " is not active after " + INDEX_CREATION_WAIT.toMinutes() + " minutes");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for index " + index.indexName(), e);
            }
        }
    }

    static CreateTableRequest definition(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(stringAttributes(Stream.concat(Stream.of(Keys.PK, Keys.SK),
                        Arrays.stream(RunIndex.values()).flatMap(index -> Stream.of(index.partitionKey(), index.sortKey())))
                        .toArray(String[]::new)))
                .keySchema(key(Keys.PK, KeyType.HASH), key(Keys.SK, KeyType.RANGE))
                .globalSecondaryIndexes(Arrays.stream(RunIndex.values())
                        .map(index -> GlobalSecondaryIndex.builder()
                                .indexName(index.indexName())
                                .keySchema(indexKeySchema(index))
                                .projection(allAttributes())
                                .build())
                        .toList())
                .build();
    }

    private static List<AttributeDefinition> stringAttributes(String... names) {
        return Arrays.stream(names)
                .map(name -> AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build())
                .toList();
    }

    private static List<KeySchemaElement> indexKeySchema(RunIndex index) {
        return List.of(key(index.partitionKey(), KeyType.HASH), key(index.sortKey(), KeyType.RANGE));
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static Projection allAttributes() {
        return Projection.builder().projectionType(ProjectionType.ALL).build();
    }
}
