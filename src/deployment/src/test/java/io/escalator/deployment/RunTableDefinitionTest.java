package io.escalator.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalator.store.EscalatorTable;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;

/**
 * The template's RunTable is the table the engine creates for itself in the local stack
 * ({@link EscalatorTable#createIfMissing}): created in an in-memory DynamoDB Local, described, and compared with the
 * template's resource, so the two cannot drift apart. Compared: key schema, attribute definitions, global secondary
 * indexes (keys and projections), local indexes (none), billing mode and TTL.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class RunTableDefinitionTest {

    private final JsonNode table = SamTemplate.repository().resource("RunTable").path("Properties");

    @Test
    void templateTableMatchesTheTableTheEngineCreates(DynamoDbLocal dynamoDb) {
        DynamoDbClient client = dynamoDb.client();
        String name = dynamoDb.uniqueTableName("escalator");
        EscalatorTable.createIfMissing(client, name);
        TableDescription created = client.describeTable(b -> b.tableName(name)).table();

        assertThat(keys(table.path("KeySchema"))).as("key schema").isEqualTo(keys(created.keySchema()));
        assertThat(attributes(table.path("AttributeDefinitions"))).as("attribute definitions")
                .isEqualTo(attributes(created));
        assertThat(indexes(table.path("GlobalSecondaryIndexes"))).as("global secondary indexes")
                .isEqualTo(indexes(created.globalSecondaryIndexes()));
        assertThat(table.has("LocalSecondaryIndexes")).as("local secondary indexes in the template").isFalse();
        assertThat(created.hasLocalSecondaryIndexes() && !created.localSecondaryIndexes().isEmpty())
                .as("local secondary indexes of the engine's table").isFalse();

        assertThat(table.path("BillingMode").asText()).isEqualTo(BillingMode.PAY_PER_REQUEST.toString());
        if (created.billingModeSummary() != null) {
            assertThat(created.billingModeSummary().billingModeAsString()).as("billing mode")
                    .isEqualTo(table.path("BillingMode").asText());
        }

        TimeToLiveDescription ttl = client.describeTimeToLive(b -> b.tableName(name)).timeToLiveDescription();
        assertThat(table.path("TimeToLiveSpecification").path("Enabled").asBoolean()).as("TTL enabled in the template").isTrue();
        assertThat(table.path("TimeToLiveSpecification").path("AttributeName").asText()).as("TTL attribute")
                .isEqualTo(ttl.attributeName());
        assertThat(ttl.timeToLiveStatusAsString()).as("TTL status of the engine's table").isIn("ENABLED", "ENABLING");

        assertThat(table.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean())
                .as("point-in-time recovery (AWS only; DynamoDB Local has none)").isTrue();
    }

    /** The key schema in order, e.g. [pk HASH, sk RANGE]. */
    private static List<String> keys(JsonNode keySchema) {
        List<String> keys = new ArrayList<>();
        keySchema.forEach(k -> keys.add(k.path("AttributeName").asText() + " " + k.path("KeyType").asText()));
        return keys;
    }

    private static List<String> keys(List<KeySchemaElement> keySchema) {
        return keySchema.stream().map(k -> k.attributeName() + " " + k.keyTypeAsString()).toList();
    }

    private static Map<String, String> attributes(JsonNode definitions) {
        Map<String, String> attributes = new TreeMap<>();
        definitions.forEach(a -> attributes.put(a.path("AttributeName").asText(), a.path("AttributeType").asText()));
        return attributes;
    }

    private static Map<String, String> attributes(TableDescription table) {
        Map<String, String> attributes = new TreeMap<>();
        table.attributeDefinitions().forEach(a -> attributes.put(a.attributeName(), a.attributeTypeAsString()));
        return attributes;
    }

    /** Index name to its keys and projection, e.g. runsByTime: [gsi1pk HASH, gsi1sk RANGE] ALL []. */
    private static Map<String, String> indexes(JsonNode indexes) {
        Map<String, String> described = new TreeMap<>();
        indexes.forEach(index -> {
            List<String> nonKey = new ArrayList<>();
            index.path("Projection").path("NonKeyAttributes").forEach(a -> nonKey.add(a.asText()));
            described.put(index.path("IndexName").asText(), keys(index.path("KeySchema")) + " "
                    + index.path("Projection").path("ProjectionType").asText() + " " + nonKey.stream().sorted().toList());
        });
        return described;
    }

    private static Map<String, String> indexes(List<GlobalSecondaryIndexDescription> indexes) {
        Map<String, String> described = new TreeMap<>();
        for (GlobalSecondaryIndexDescription index : indexes) {
            Projection projection = index.projection();
            described.put(index.indexName(), keys(index.keySchema()) + " " + projection.projectionTypeAsString() + " "
                    + projection.nonKeyAttributes().stream().sorted().toList());
        }
        return described;
    }
}
