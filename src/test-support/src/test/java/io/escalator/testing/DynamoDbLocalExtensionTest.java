package io.escalator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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

@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbLocalExtensionTest {

    private static final Set<URI> ENDPOINTS_SEEN = ConcurrentHashMap.newKeySet();
    private static final Set<String> TABLE_NAMES_SEEN = ConcurrentHashMap.newKeySet();
    private static String classScopedTableName;

    private String tableNameFromBeforeEach;

    @BeforeAll
    static void nameAClassScopedTable(DynamoDbLocal dynamoDb) {
        classScopedTableName = dynamoDb.uniqueTableName("items");
    }

    @BeforeEach
    void nameATableBeforeEachTest(DynamoDbLocal dynamoDb) {
        tableNameFromBeforeEach = dynamoDb.uniqueTableName("items");
    }

    @Test
    void clientAndEndpointReachTheSameLoopbackServer(DynamoDbLocal dynamoDb) {
        String table = dynamoDb.uniqueTableName("items");
        createTable(dynamoDb.client(), table);

        try (DynamoDbClient ownClient = clientFor(dynamoDb.endpoint())) {
            assertThat(ownClient.listTables().tableNames()).contains(table);
        }
        assertThat(dynamoDb.endpoint().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void tableNameIsStableWithinATestAndDiffersFromTheClassScopedOne(DynamoDbLocal dynamoDb) {
        String name = dynamoDb.uniqueTableName("items");

        assertThat(name).isEqualTo(tableNameFromBeforeEach).isEqualTo(dynamoDb.uniqueTableName("items"));
        assertThat(name).isNotEqualTo(classScopedTableName);
        assertThat(dynamoDb.uniqueTableName("orders")).isNotEqualTo(name);
    }

    @Test
    void tableNameNamesTheBaseTheClassAndTheMethod(DynamoDbLocal dynamoDb) {
        assertThat(dynamoDb.uniqueTableName("items"))
                .startsWith("items-DynamoDbLocalExtensionTest-tableNameNamesTheBaseTheClassAndTheMethod-");
        assertThat(classScopedTableName).startsWith("items-DynamoDbLocalExtensionTest-");
    }

    @RepeatedTest(3)
    void everyTestGetsItsOwnTable(DynamoDbLocal dynamoDb) {
        String table = dynamoDb.uniqueTableName("items");

        assertThat(TABLE_NAMES_SEEN.add(table)).as("%s was not handed out before", table).isTrue();
        createTable(dynamoDb.client(), table);
        assertThat(dynamoDb.client().scan(scan -> scan.tableName(table)).count()).isZero();
        dynamoDb.client().putItem(put -> put.tableName(table).item(Map.of("id", AttributeValue.fromS("mine"))));
    }

    @Test
    void anyBaseBecomesALegalTableName(DynamoDbLocal dynamoDb) {
        String table = dynamoDb.uniqueTableName("my table/ü");

        assertThat(table).matches("[A-Za-z0-9_.-]{3,255}");
        createTable(dynamoDb.client(), table);
    }

    @Test
    void overlongNamesAreCutToTheDynamoDbLimitKeepingTheirUniqueEnd() {
        DynamoDbLocal dynamoDb = new DynamoDbLocal(URI.create("http://127.0.0.1:1"), null, "x".repeat(300));
        DynamoDbLocal other = new DynamoDbLocal(URI.create("http://127.0.0.1:1"), null, "x".repeat(300));

        assertThat(dynamoDb.uniqueTableName("items")).hasSize(255).isNotEqualTo(other.uniqueTableName("items"));
    }

    @Test
    void sharesOneServerWithTheNestedClasses(DynamoDbLocal dynamoDb) {
        assertSharedServer(dynamoDb);
    }

    @Nested
    class FirstNestedClass {
        @Test
        void sharesOneServerWithTheOtherClasses(DynamoDbLocal dynamoDb) {
            assertSharedServer(dynamoDb);
        }
    }

    @Nested
    class SecondNestedClass {
        @Test
        void sharesOneServerWithTheOtherClasses(DynamoDbLocal dynamoDb) {
            assertSharedServer(dynamoDb);
        }
    }

    /** Whichever of these tests runs first records the endpoint; the others must find the same one. */
    private static void assertSharedServer(DynamoDbLocal dynamoDb) {
        ENDPOINTS_SEEN.add(dynamoDb.endpoint());
        assertThat(ENDPOINTS_SEEN).containsExactly(dynamoDb.endpoint());
    }

    private static void createTable(DynamoDbClient client, String table) {
        client.createTable(create -> create
                .tableName(table)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    private static DynamoDbClient clientFor(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
