package io.escalator.store;

import java.util.List;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the engine's table where nothing else does (the local stack, tests). In AWS the SAM template declares the
 * same table; keep the two in step.
 */
public final class EscalatorTable {

    private static final Logger LOG = Logger.getLogger(EscalatorTable.class);

    private EscalatorTable() {
    }

    public static void createIfMissing(DynamoDbClient client, String tableName) {
        try {
            client.describeTable(b -> b.tableName(tableName));
            return;
        } catch (ResourceNotFoundException missing) {
            LOG.infof("Creating DynamoDB table %s", tableName);
        }
        try {
            client.createTable(definition(tableName));
        } catch (ResourceInUseException createdMeanwhile) {
            return;
        }
        client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        client.updateTimeToLive(b -> b.tableName(tableName)
                .timeToLiveSpecification(ttl -> ttl.enabled(true).attributeName(Keys.EXPIRES_AT)));
    }

    static CreateTableRequest definition(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(stringAttributes(Keys.PK, Keys.SK, Keys.GSI1_PK, Keys.GSI1_SK, Keys.GSI2_PK, Keys.GSI2_SK))
                .keySchema(key(Keys.PK, KeyType.HASH), key(Keys.SK, KeyType.RANGE))
                .globalSecondaryIndexes(index(Keys.RUNS_BY_TIME, Keys.GSI1_PK, Keys.GSI1_SK),
                        index(Keys.RUNS_BY_STATUS, Keys.GSI2_PK, Keys.GSI2_SK))
                .build();
    }

    private static List<AttributeDefinition> stringAttributes(String... names) {
        return java.util.Arrays.stream(names)
                .map(name -> AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build())
                .toList();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex index(String name, String partitionKey, String sortKey) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(key(partitionKey, KeyType.HASH), key(sortKey, KeyType.RANGE))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }
}
