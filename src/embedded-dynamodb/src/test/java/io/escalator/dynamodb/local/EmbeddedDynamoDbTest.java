package io.escalator.dynamodb.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class EmbeddedDynamoDbTest {

    private static final String TABLE = "items";

    @Test
    void inMemoryServerStoresAndReturnsAnItem() {
        try (EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.startInMemory();
                DynamoDbClient client = clientFor(dynamoDb)) {
            createTable(client);
            putItem(client, "a", "alpha");

            assertThat(dynamoDb.endpoint()).isEqualTo(URI.create("http://127.0.0.1:" + dynamoDb.port()));
            assertThat(valueOf(client, "a")).isEqualTo("alpha");
        }
    }

    @Test
    void persistentServerKeepsItsDataAcrossStopAndStart(@TempDir Path tempDir) {
        Path dataDirectory = tempDir.resolve("not/yet/there");

        try (EmbeddedDynamoDb first = EmbeddedDynamoDb.startPersistent(dataDirectory);
                DynamoDbClient client = clientFor(first)) {
            createTable(client);
            putItem(client, "a", "alpha");
        }
        try (EmbeddedDynamoDb second = EmbeddedDynamoDb.startPersistent(dataDirectory);
                DynamoDbClient client = clientFor(second)) {
            assertThat(valueOf(client, "a")).isEqualTo("alpha");
        }
        assertThat(dataDirectory).isDirectory().isNotEmptyDirectory();
    }

    @Test
    void twoServersRunAtOnceOnDifferentPorts() {
        try (EmbeddedDynamoDb one = EmbeddedDynamoDb.startInMemory();
                EmbeddedDynamoDb two = EmbeddedDynamoDb.startInMemory();
                DynamoDbClient clientOne = clientFor(one);
                DynamoDbClient clientTwo = clientFor(two)) {
            createTable(clientOne);

            assertThat(one.port()).isNotEqualTo(two.port());
            assertThat(clientOne.listTables().tableNames()).containsExactly(TABLE);
            assertThat(clientTwo.listTables().tableNames()).isEmpty();
        }
    }

    @Test
    void closeIsIdempotent() {
        EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.startInMemory();

        dynamoDb.close();

        assertThatCode(dynamoDb::close).doesNotThrowAnyException();
    }

    @Test
    void closedServerNoLongerAcceptsConnections() {
        EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.startInMemory();
        int port = dynamoDb.port();

        dynamoDb.close();

        assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
    }

    @Test
    void startPersistentExplainsWhyItCannotUseTheDirectory(@TempDir Path tempDir) throws IOException {
        Path aFile = Files.writeString(tempDir.resolve("a-file"), "in the way");

        assertThatThrownBy(() -> EmbeddedDynamoDb.startPersistent(aFile.resolve("data")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Could not create the DynamoDB Local data directory")
                .hasMessageContaining(aFile.toString());
    }

    @Test
    void startingAServerLeavesNoMetadataFileInTheWorkingDirectory() {
        Path metadataFile = Path.of(System.getProperty("user.dir"), "dynamodb-local-metadata.json");

        try (EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.startInMemory()) {
            assertThat(dynamoDb.port()).isPositive();
        }

        assertThat(metadataFile).doesNotExist();
    }

    private static DynamoDbClient clientFor(EmbeddedDynamoDb dynamoDb) {
        return DynamoDbClient.builder()
                .endpointOverride(dynamoDb.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static void createTable(DynamoDbClient client) {
        client.createTable(table -> table
                .tableName(TABLE)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    private static void putItem(DynamoDbClient client, String id, String value) {
        client.putItem(put -> put.tableName(TABLE).item(Map.of(
                "id", AttributeValue.fromS(id),
                "value", AttributeValue.fromS(value))));
    }

    private static String valueOf(DynamoDbClient client, String id) {
        return client.getItem(get -> get.tableName(TABLE).key(Map.of("id", AttributeValue.fromS(id))))
                .item().get("value").s();
    }
}
