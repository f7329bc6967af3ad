package io.escalator.deployment;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads a CloudFormation/SAM YAML template into a JSON tree, turning the short-form intrinsics into their long forms:
 * {@code !Ref X} becomes {@code {"Ref": "X"}}, {@code !GetAtt A.B} becomes {@code {"Fn::GetAtt": ["A", "B"]}},
 * {@code !Condition C} becomes {@code {"Condition": "C"}} and every other {@code !Name v} becomes
 * {@code {"Fn::Name": v}}, which is how CloudFormation reads them.
 *
 * <p>Jackson's YAML data binding drops custom tags, so this walks the parser's tokens and asks
 * {@link YAMLParser#getTypeId()} for each node's tag (Jackson strips the leading {@code !}). Standard tags
 * ({@code tag:yaml.org,2002:...}) are left to Jackson.
 */
final class SamYaml {

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SamYaml() {
    }

    static JsonNode read(String yaml) {
        try (YAMLParser parser = (YAMLParser) FACTORY.createParser(yaml)) {
            if (parser.nextToken() == null) {
                return NODES.missingNode();
            }
            JsonNode root = value(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("more than one YAML document");
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node starting at the parser's current token, with its tag applied. */
    private static JsonNode value(YAMLParser parser) throws IOException {
        String tag = parser.getTypeId();
        JsonNode plain = switch (parser.currentToken()) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IllegalArgumentException("unexpected YAML token " + parser.currentToken()
                    + " at " + parser.currentLocation());
        };
        return tag == null || tag.startsWith("tag:yaml.org,2002:") ? plain : intrinsic(tag, plain);
    }

    private static ObjectNode object(YAMLParser parser) throws IOException {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (object.has(name)) {
                throw new IllegalArgumentException("duplicate key '" + name + "' at " + parser.currentLocation());
            }
            parser.nextToken();
            object.set(name, value(parser));
        }
        return object;
    }

    private static ArrayNode array(YAMLParser parser) throws IOException {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(parser));
        }
        return array;
    }

    private static ObjectNode intrinsic(String tag, JsonNode argument) {
        ObjectNode node = NODES.objectNode();
        switch (tag) {
            case "Ref" -> node.set("Ref", argument);
            case "Condition" -> node.set("Condition", argument);
            case "GetAtt" -> {
                if (argument.isTextual()) {
                    // !GetAtt Resource.Attribute (the attribute may itself contain dots)
                    String text = argument.asText();
                    int dot = text.indexOf('.');
                    if (dot <= 0) {
                        throw new IllegalArgumentException("!GetAtt needs Resource.Attribute, got '" + text + "'");
                    }
                    node.set("Fn::GetAtt", NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1)));
                } else {
                    node.set("Fn::GetAtt", argument);
                }
            }
            default -> node.set("Fn::" + tag, argument);
        }
        return node;
    }
}
