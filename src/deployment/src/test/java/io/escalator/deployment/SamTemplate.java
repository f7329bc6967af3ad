package io.escalator.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The repository's template.yaml, read once, with the lookups the tests share. */
final class SamTemplate {

    static final String FUNCTION = "AWS::Serverless::Function";
    static final String STATE_MACHINE = "AWS::Serverless::StateMachine";
    /** src/functions' handler: Funqy's FunqyStreamHandler, with the functions' own exceptions unwrapped for Step Functions. */
    static final String FUNCTIONS_HANDLER = "io.escalator.functions.UnwrappingFunqyHandler::handleRequest";
    static final String API_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    /** src/gate-function's handler: Funqy's own, for the package's one function, runGate. */
    static final String GATE_HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest";
    /** The function that runs generated tests, under its own role that grants nothing. */
    static final String GATE = "RunGateFunction";

    private static SamTemplate repository;

    private final JsonNode root;

    SamTemplate(JsonNode root) {
        this.root = root;
    }

    static synchronized SamTemplate repository() {
        if (repository == null) {
            repository = new SamTemplate(SamYaml.read(Repository.read(Repository.template())));
        }
        return repository;
    }

    JsonNode root() {
        return root;
    }

    JsonNode resource(String logicalId) {
        JsonNode resource = root.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new AssertionError("template.yaml has no resource " + logicalId);
        }
        return resource;
    }

    Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        root.path("Resources").properties().forEach(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    /**
     * Each function's properties as SAM applies them: Globals.Function first, then the function's own properties
     * (maps merged, lists appended, other values replaced), which is how SAM merges globals.
     */
    Map<String, JsonNode> functions() {
        JsonNode globals = root.path("Globals").path("Function");
        Map<String, JsonNode> functions = new LinkedHashMap<>();
        resourcesOfType(FUNCTION).forEach((id, resource) ->
                functions.put(id, merge(globals, resource.path("Properties"))));
        return functions;
    }

    JsonNode function(String logicalId) {
        JsonNode function = functions().get(logicalId);
        if (function == null) {
            throw new AssertionError("template.yaml has no " + FUNCTION + " " + logicalId);
        }
        return function;
    }

    static Optional<String> environment(JsonNode function, String name) {
        JsonNode value = function.path("Environment").path("Variables").path(name);
        return value.isMissingNode() ? Optional.empty() : Optional.of(value.isTextual() ? value.asText() : value.toString());
    }

    /** The logical id a {@code {"Ref": id}} points at, if the node is such a Ref. */
    static Optional<String> refTarget(JsonNode node) {
        return node != null && node.isObject() && node.size() == 1 && node.path("Ref").isTextual()
                ? Optional.of(node.path("Ref").asText()) : Optional.empty();
    }

    private static JsonNode merge(JsonNode global, JsonNode local) {
        if (global == null || global.isMissingNode()) {
            return local.deepCopy();
        }
        if (local == null || local.isMissingNode()) {
            return global.deepCopy();
        }
        if (global.isObject() && local.isObject() && !isIntrinsic(local)) {
            ObjectNode merged = ((ObjectNode) global).deepCopy();
            local.properties().forEach(e -> merged.set(e.getKey(), merge(global.get(e.getKey()), e.getValue())));
            return merged;
        }
        if (global.isArray() && local.isArray()) {
            ArrayNode merged = JsonNodeFactory.instance.arrayNode();
            merged.addAll((ArrayNode) global.deepCopy());
            merged.addAll((ArrayNode) local.deepCopy());
            return merged;
        }
        return local.deepCopy();
    }

    static boolean isIntrinsic(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            return false;
        }
        String key = node.fieldNames().next();
        return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
    }
}
