package io.escalator.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.escalator.sandbox.JavaSources;
import io.escalator.validation.FieldErrors;
import java.io.FileNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads gate specifications from a request, checking each one fully (types, patterns, schemas) before any run. */
public final class Gates {

    static final int MAX_PATTERN_LENGTH = 1_000;
    /** Characters of a JSON schema, written compactly: larger ones make every check slow and are never needed. */
    static final int MAX_SCHEMA_LENGTH = 50_000;
    static final String JAVA = "java";

    /** Remote {@code $ref}s are never fetched: a request must not make the engine call arbitrary URLs. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
    private static final Schema META_SCHEMA =
            REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

    private static final Map<String, BiFunction<JsonNode, GateErrors, Gate>> PARSERS = Map.of(
            ContainsGate.TYPE, Gates::contains,
            EqualsGate.TYPE, Gates::equalsGate,
            RegexGate.TYPE, Gates::regex,
            JsonSchemaGate.TYPE, Gates::jsonSchema);

    private Gates() {
    }

    /** Gates without a recorded dataset (a {@code recorded-label} gate is refused). */
    public static List<Gate> parse(JsonNode gates, String field, FieldErrors errors, GateSandbox sandbox) {
        return parse(gates, field, errors, GateResources.of(sandbox));
    }

    /**
     * @param gates     the request's {@code gates} array
     * @param field     the array's name in error messages, e.g. {@code gates}
     * @param resources where {@code tests} gates run their tests, and what {@code recorded-label} gates judge by
     */
    public static List<Gate> parse(JsonNode gates, String field, FieldErrors errors, GateResources resources) {
        List<Gate> parsed = new ArrayList<>();
        if (!gates.isArray()) {
            errors.add(field, "must be an array of gates");
            return parsed;
        }
        for (int i = 0; i < gates.size(); i++) {
            JsonNode spec = gates.get(i);
            String at = field + "[" + i + "]";
            if (!spec.isObject()) {
                errors.add(at, "must be an object with a \"type\"");
                continue;
            }
            String type = spec.path("type").asText("");
            var parser = PARSERS.get(type);
            if (parser == null && !TestsGate.TYPE.equals(type) && !RecordedLabelGate.TYPE.equals(type)) {
                errors.add(at + ".type", (type.isEmpty() ? "is missing" : "unknown gate type '" + type + "'")
                        + "; known types: contains, equals, regex, json-schema, tests, recorded-label");
                continue;
            }
            GateErrors gateErrors = new GateErrors(at, errors);
            Gate gate = parser != null ? parser.apply(spec, gateErrors)
                    : TestsGate.TYPE.equals(type) ? tests(spec, gateErrors, resources.sandbox())
                    : recordedLabel(spec, gateErrors, resources.recorded());
            if (gate != null) {
                parsed.add(gate);
            }
        }
        return parsed;
    }

    private static Gate contains(JsonNode spec, GateErrors errors) {
        String value = errors.requiredText(spec, "value");
        return value == null ? null : new ContainsGate(value);
    }

    private static Gate equalsGate(JsonNode spec, GateErrors errors) {
        String value = errors.requiredText(spec, "value");
        return value == null ? null : new EqualsGate(value);
    }

    private static Gate regex(JsonNode spec, GateErrors errors) {
        String pattern = errors.requiredText(spec, "pattern");
        if (pattern == null) {
            return null;
        }
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            errors.add("pattern", "is " + pattern.length() + " characters long; at most " + MAX_PATTERN_LENGTH);
            return null;
        }
        try {
            return new RegexGate(pattern, Pattern.compile(pattern), RegexGate.DEFAULT_TIME_LIMIT);
        } catch (PatternSyntaxException e) {
            errors.add("pattern", "invalid regular expression: " + e.getDescription() + " near index " + e.getIndex());
            return null;
        }
    }

    private static Gate jsonSchema(JsonNode spec, GateErrors errors) {
        JsonNode schemaNode = spec.get("schema");
        if (schemaNode == null || !(schemaNode.isObject() || schemaNode.isBoolean())) {
            errors.add("schema", "is required and must be a JSON Schema (an object)");
            return null;
        }
        int length = schemaNode.toString().length();
        if (length > MAX_SCHEMA_LENGTH) {
            errors.add("schema", "is " + length + " characters long written compactly; at most " + MAX_SCHEMA_LENGTH);
            return null;
        }
        List<Error> metaErrors = META_SCHEMA.validate(schemaNode);
        if (!metaErrors.isEmpty()) {
            Error first = metaErrors.getFirst();
            errors.add("schema", "is not a valid JSON Schema (draft 2020-12): " + first.getInstanceLocation() + ": "
                    + first.getMessage());
            return null;
        }
        try {
            Schema schema = REGISTRY.getSchema(schemaNode);
            // $refs are resolved lazily: resolve them now, so a schema that cannot be used is refused with the
            // request rather than failing every answer of the run.
            schema.initializeValidators();
            return new JsonSchemaGate(schemaNode, schema);
        } catch (SchemaException | IllegalArgumentException e) {
            errors.add("schema", e.getCause() instanceof FileNotFoundException notFound
                    ? "refers to " + notFound.getMessage() + ", which is not available: remote $refs are never fetched;"
                            + " put the referenced schema under $defs and refer to it as #/$defs/..."
                    : "is not a usable JSON Schema: " + e.getMessage());
            return null;
        }
    }

    /** {@code {"type": "tests", "language": "java", "tests": "<JUnit 5 test class>"}}: the tests must parse. */
    private static Gate tests(JsonNode spec, GateErrors errors, GateSandbox sandbox) {
        String language = errors.requiredText(spec, "language");
        String tests = errors.requiredText(spec, "tests");
        if (language != null && !JAVA.equals(language)) {
            errors.add("language", "'" + language + "' is not supported; supported: " + JAVA);
            return null;
        }
        if (tests == null || language == null) {
            return null;
        }
        try {
            return new TestsGate(tests, JavaSources.className(tests), sandbox);
        } catch (IllegalArgumentException e) {
            errors.add("tests", "is not a JUnit test class: " + e.getMessage());
            return null;
        }
    }

    /** {@code {"type": "recorded-label", "errorRate": 0.1}}: only with a recorded dataset; the rate is 0 to 1, 0 when left out. */
    private static Gate recordedLabel(JsonNode spec, GateErrors errors, RecordedVerdicts recorded) {
        if (!recorded.configured()) {
            errors.addToGate("the recorded-label gate judges answers by a recorded dataset, and none is configured: "
                    + RecordedVerdicts.HOW_TO_CONFIGURE + " and restart");
            return null;
        }
        JsonNode rate = spec.get("errorRate");
        if (rate == null || rate.isNull()) {
            return new DatasetLabelGate(0, recorded);
        }
        if (!rate.isNumber() || !(rate.doubleValue() >= 0 && rate.doubleValue() <= 1)) {
            errors.add("errorRate", "must be a number from 0 to 1 (the share of verdicts the gate gets wrong), was "
                    + rate);
            return null;
        }
        return new DatasetLabelGate(rate.doubleValue(), recorded);
    }

    /** Field errors of one gate, named {@code gates[i].field}. */
    private record GateErrors(String at, FieldErrors sink) {
        void add(String field, String message) {
            sink.add(at + "." + field, message);
        }

        void addToGate(String message) {
            sink.add(at, message);
        }

        String requiredText(JsonNode spec, String field) {
            JsonNode value = spec.get(field);
            if (value == null || !value.isTextual()) {
                add(field, "is required and must be a string");
                return null;
            }
            if (value.asText().isEmpty()) {
                add(field, "must not be empty");
                return null;
            }
            return value.asText();
        }
    }
}
