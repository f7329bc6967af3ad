package io.escalator.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.escalator.support.Json;
import io.escalator.validation.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Page cursors: a query's last evaluated key, as opaque URL-safe text. */
final class Cursors {

    private static final Set<String> KEY_NAMES = Set.of(Keys.PK, Keys.SK, Keys.GSI1_PK, Keys.GSI1_SK, Keys.GSI2_PK, Keys.GSI2_SK);
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

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

    static Map<String, AttributeValue> decode(String cursor) {
        try {
            Map<String, String> key = Json.mapper().readValue(Base64.getUrlDecoder().decode(cursor), STRING_MAP);
            if (key.isEmpty() || !KEY_NAMES.containsAll(key.keySet()) || key.values().stream().anyMatch(v -> v == null)) {
                throw new IllegalArgumentException("unexpected key");
            }
            Map<String, AttributeValue> start = new LinkedHashMap<>();
            key.forEach((name, value) -> start.put(name, AttributeValue.fromS(value)));
            return start;
        } catch (Exception e) {
            throw new InvalidRequestException("cursor", "is not a cursor this API returned");
        }
    }
}
