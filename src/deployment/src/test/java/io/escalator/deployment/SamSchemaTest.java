package io.escalator.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml against the SAM JSON schema (AWS's schema_source/sam.schema.json, draft-04, read from the shared
 * folder, never copied into the repository).
 *
 * <p>What the schema can and cannot tell: it checks the AWS::Serverless::* resources and Globals property by
 * property (unknown or misspelled properties, event types, the shapes SAM itself interprets), but many properties
 * SAM passes on to CloudFormation unchanged (Runtime, Architectures, SnapStart, LoggingConfig, the state machine's
 * Type...) are "pass-through" and accept any value, and every other CloudFormation resource (the table, the log
 * groups, the managed policies) is accepted with just a Type. Intrinsic functions are not evaluated. The other
 * tests of this module check what matters of those.
 */
class SamSchemaTest {

    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        Path file = Repository.samSchema();
        JsonNode schemaNode = new ObjectMapper().readTree(file.toFile());
        // The file declares draft-04; state the dialect rather than rely on a default.
        assertThat(schemaNode.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-04/schema#");
        long start = System.nanoTime();
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schemaNode);
        schema.initializeValidators();
        System.out.printf("SAM schema %s (%d KB) loaded in %d ms%n", file, Files.size(file) / 1024,
                (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void templateValidatesAgainstTheSamSchema() {
        JsonNode template = SamTemplate.repository().root();
        long start = System.nanoTime();
        List<Error> errors = schema.validate(template);
        System.out.printf("template.yaml validated in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        if (!errors.isEmpty()) {
            fail("template.yaml does not match the SAM schema:\n" + explain(errors, template) + "\n(" + errors.size()
                    + " errors in all, counting every alternative of the schema's anyOf over resource kinds)");
        }
    }

    /** The schema has teeth where SAM interprets properties itself. */
    @Test
    void schemaRejectsBrokenServerlessResources() {
        ObjectNode misspelled = SamTemplate.repository().root().deepCopy();
        properties(misspelled, "EstimateFunction").put("Timout", 30);
        List<Error> errors = schema.validate(misspelled);
        assertThat(explain(errors, misspelled)).as("a misspelled function property").contains("Timout");

        ObjectNode unknownEvent = SamTemplate.repository().root().deepCopy();
        ((ObjectNode) properties(unknownEvent, "CleanupFunction").path("Events").path("Schedule")).put("Type", "Cron");
        assertThat(schema.validate(unknownEvent)).as("an event type SAM does not have").isNotEmpty();

        ObjectNode wrongType = SamTemplate.repository().root().deepCopy();
        properties(wrongType, "EscalationStateMachine").putArray("DefinitionSubstitutions").add("not a map");
        assertThat(schema.validate(wrongType)).as("DefinitionSubstitutions that is not a map").isNotEmpty();

        ObjectNode unknownGlobal = SamTemplate.repository().root().deepCopy();
        ((ObjectNode) unknownGlobal.path("Globals").path("Function")).put("AutoPublishCodeSha256", "x");
        assertThat(schema.validate(unknownGlobal)).as("a property Globals.Function does not support").isNotEmpty();
    }

    private static ObjectNode properties(ObjectNode template, String resource) {
        return (ObjectNode) template.path("Resources").path(resource).path("Properties");
    }

    /**
     * Resources are checked against an anyOf of every resource kind, so one typo yields errors from every branch.
     * For the message, keep per resource the errors of the branch for its Type (all of them if none matches).
     */
    private static String explain(List<Error> errors, JsonNode template) {
        Map<String, List<Error>> byResource = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        for (Error error : errors) {
            String location = error.getInstanceLocation().toString();
            if (location.startsWith("/Resources/")) {
                String id = location.substring("/Resources/".length()).split("/", 2)[0];
                byResource.computeIfAbsent(id, k -> new ArrayList<>()).add(error);
            } else {
                lines.add(error.toString());
            }
        }
        byResource.forEach((id, resourceErrors) -> {
            String type = template.path("Resources").path(id).path("Type").asText();
            String branch = type.startsWith("AWS::Serverless::")
                    ? "aws_serverless_" + type.substring("AWS::Serverless::".length()).toLowerCase(Locale.ROOT) + "__"
                    : "any_cfn_resource__";
            List<Error> relevant = resourceErrors.stream()
                    .filter(e -> String.valueOf(e.getSchemaLocation()).contains(branch)).toList();
            (relevant.isEmpty() ? resourceErrors : relevant).forEach(e -> lines.add(e.toString()));
        });
        return String.join("\n", lines);
    }
}
