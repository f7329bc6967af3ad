package io.escalator.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalator.support.Json;
import io.escalator.validation.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Page cursors: a query's last evaluated key, as opaque URL-safe text. */
final class Cursors {

    private Cursors() {
    }

    static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        Map<String, String> key = new LinkedHashMap<>();
        lastEvaluatedKey.forEach((name, value) -> key.put(name, value.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(key).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor of a query on an index, checking it is one such a query returns: exactly the table's and the
     * index's key attributes, all text, on the queried partition. Anything else would reach DynamoDB as a starting
     * key it rejects (a server error to the caller) instead of the client error it is.
     *
     * @param partitionKey   the index's partition key attribute
     * @param partitionValue the partition the query reads
     * @param sortKey        the index's sort key attribute
     */
    static Map<String, AttributeValue> decode(String cursor, String partitionKey, String partitionValue, String sortKey) {
        try {
            JsonNode key = Json.mapper().readTree(Base64.getUrlDecoder().decode(cursor));
            Set<String> expected = Set.of(Keys.PK, Keys.SK, partitionKey, sortKey);
            Map<String, AttributeValue> start = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = key.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getValue().isTextual() || field.getValue().asText().isEmpty()) {
                    throw new IllegalArgumentException("not a key value");
                }
                start.put(field.getKey(), AttributeValue.fromS(field.getValue().asText()));
            }
            if (!start.keySet().equals(expected) || !partitionValue.equals(start.get(partitionKey).s())
                    || !start.get(Keys.PK).s().startsWith(Keys.run("")) || !Keys.META.equals(start.get(Keys.SK).s())) {
                throw new IllegalArgumentException("unexpected key");
            }
            return start;
        } catch (Exception e) {
            throw new InvalidRequestException("cursor", "is not a cursor this API returned");
        }
    }
}
