package io.escalator.functions;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Every record of the table, in key order: what "the store is unchanged" is checked against. */
final class StoreContents {

    private StoreContents() {
    }

    static List<Map<String, AttributeValue>> of(DynamoDbClient dynamoDb, String table) {
        return dynamoDb.scanPaginator(scan -> scan.tableName(table).consistentRead(true)).items().stream()
                .sorted(Comparator.comparing((Map<String, AttributeValue> item) -> item.get("pk").s())
                        .thenComparing(item -> item.get("sk").s()))
                .toList();
    }
}
