package io.escalator.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test kit itself: the YAML reader's short-form intrinsics and the schema lookup. */
class SamYamlTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shortFormIntrinsicsBecomeTheirLongForms() throws IOException {
        JsonNode read = SamYaml.read("""
                A: !Ref Table
                B: !GetAtt Table.StreamSpecification.StreamArn
                C: !Sub arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${P}
                D: !Sub
                  - ${X}/index/*
                  - X: !GetAtt [Table, Arn]
                E: !If [HasIt, !Ref It, !Ref AWS::NoValue]
                F: !Not [!Equals [!Join ['', !Ref List], '']]
                G: !Condition HasIt
                H: [1, 2.5, true, null, '007', !!str 8]
                """);
        assertThat(read).isEqualTo(JSON.readTree("""
                {"A": {"Ref": "Table"},
                 "B": {"Fn::GetAtt": ["Table", "StreamSpecification.StreamArn"]},
                 "C": {"Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${P}"},
                 "D": {"Fn::Sub": ["${X}/index/*", {"X": {"Fn::GetAtt": ["Table", "Arn"]}}]},
                 "E": {"Fn::If": ["HasIt", {"Ref": "It"}, {"Ref": "AWS::NoValue"}]},
                 "F": {"Fn::Not": [{"Fn::Equals": [{"Fn::Join": ["", {"Ref": "List"}]}, ""]}]},
                 "G": {"Condition": "HasIt"},
                 "H": [1, 2.5, true, null, "007", "8"]}
                """));
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThatThrownBy(() -> SamYaml.read("A: 1\nA: 2\n")).hasMessageContaining("duplicate key 'A'");
    }

    @Test
    void schemaLookupFailsSayingWhereItLookedAndHowToPointToIt(@TempDir Path empty) {
        assertThatThrownBy(() -> Repository.samSchema(Optional.of(empty)))
                .hasMessageContaining(empty.resolve("schemas/sam.schema.json").toString())
                .hasMessageContaining("ESCALATOR_SHARED_DIR");
    }

    @Test
    void schemaLookupUsesTheConfiguredSharedFolder(@TempDir Path shared) throws IOException {
        Path schema = Files.createDirectories(shared.resolve("schemas")).resolve("sam.schema.json");
        Files.writeString(schema, "{}");
        assertThat(Repository.samSchema(Optional.of(shared))).isEqualTo(schema.toAbsolutePath().normalize());
    }
}
