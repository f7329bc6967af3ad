package io.escalator.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.escalator.support.Json;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Passes when the answer is JSON valid against the schema. The JSON may come fenced in a Markdown code block, as
 * models like to write it. An answer that is not JSON at all counts one syntax error.
 */
public record JsonSchemaGate(JsonNode schemaNode, Schema schema) implements Gate {

    public static final String TYPE = "json-schema";
    /** A whole Markdown code block: its language tag, then its content. */
    private static final Pattern FENCED = Pattern.compile("```([\\w+.-]*)[ \\t]*\\r?\\n(.*?)\\r?\\n?```", Pattern.DOTALL);
    private static final int ERRORS_SHOWN = 5;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public GateResult check(String answer) {
        JsonNode document;
        try {
            document = Json.readDocument(jsonPart(answer));
        } catch (JsonProcessingException e) {
            return new GateResult(TYPE, false, "answer is not JSON: " + Json.describe(e), 1);
        }
        if (document == null || document.isMissingNode()) {
            return new GateResult(TYPE, false, "answer is empty, expected a JSON document", 1);
        }
        List<Error> errors = schema.validate(document);
        if (errors.isEmpty()) {
            return GateResult.pass(TYPE, "answer is valid against the schema");
        }
        String shown = errors.stream().limit(ERRORS_SHOWN)
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                .collect(Collectors.joining("; "));
        String more = errors.size() > ERRORS_SHOWN ? " (and " + (errors.size() - ERRORS_SHOWN) + " more)" : "";
        return GateResult.fail(TYPE, "answer violates the schema: " + shown + more);
    }


    /**
     * The first code block tagged {@code json}, else the first untagged one, else the whole answer. Blocks are read
     * whole, so a block in another language before the JSON (```python ... ```) is skipped rather than taken for
     * the text between its closing fence and the next opening one.
     */
    static String jsonPart(String answer) {
        Matcher block = FENCED.matcher(answer);
        String untagged = null;
        while (block.find()) {
            String language = block.group(1);
            if (language.equalsIgnoreCase("json")) {
                return block.group(2);
            }
            if (language.isEmpty() && untagged == null) {
                untagged = block.group(2);
            }
        }
        return untagged != null ? untagged : answer.strip();
    }
}
