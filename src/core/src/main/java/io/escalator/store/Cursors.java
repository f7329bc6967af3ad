package io.escalator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.escalator.support.Json;
import io.escalator.validation.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Page cursors as opaque URL-safe text: the key of the last run of a page (where the next page starts) and the
 * fingerprint of the filter the page was listed with.
 */
final class Cursors {

    private static final String FILTER = "filter";
    private static final String AFTER = "after";

    private Cursors() {
    }

    static String encode(Map<String, AttributeValue> lastKey, RunListingQuery query) {
        ObjectNode cursor = Json.mapper().createObjectNode().put(FILTER, query.filterFingerprint());
        ObjectNode after = cursor.putObject(AFTER);
        lastKey.forEach((name, value) -> after.put(name, value.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(cursor).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor for the query, checking it is one such a query returns: issued for the same filter, with exactly
     * the table's and the index's key attributes, all text, on the queried partition and within the time range.
     * Anything else would reach DynamoDB as a starting key it rejects (a server error to the caller), or silently page
     * through other runs than the caller asked for, instead of the client error it is.
     */
    static Map<String, AttributeValue> decode(String cursor, RunListingQuery query) {
        JsonNode read;
        try {
            read = Json.mapper().readTree(Base64.getUrlDecoder().decode(cursor));
        } catch (Exception e) {
            throw notACursor();
        }
        if (read == null || !read.isObject() || read.size() != 2 || !read.path(FILTER).isTextual()
                || !read.path(AFTER).isObject()) {
            throw notACursor();
        }
        if (!query.filterFingerprint().equals(read.path(FILTER).asText())) {
            throw new InvalidRequestException("cursor", "was issued for another filter: pass the same status, workflow, "
                    + "since and until with every page");
        }
        RunIndex index = query.index();
        Map<String, AttributeValue> start = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = read.path(AFTER).fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual() || field.getValue().asText().isEmpty()) {
                throw notACursor();
            }
            start.put(field.getKey(), AttributeValue.fromS(field.getValue().asText()));
        }
        if (!start.keySet().equals(Set.of(Keys.PK, Keys.SK, index.partitionKey(), index.sortKey()))
                || !query.partition().equals(start.get(index.partitionKey()).s())
                || !start.get(Keys.PK).s().startsWith(Keys.run("")) || !Keys.META.equals(start.get(Keys.SK).s())
                || !query.covers(start.get(index.sortKey()).s())) {
            throw notACursor();
        }
        return start;
    }

    private static InvalidRequestException notACursor() {
        return new InvalidRequestException("cursor", "is not a cursor this API returned");
    }
}
