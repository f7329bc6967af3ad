package io.escalator.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.support.Json;
import io.escalator.testkit.TestSandboxes;
import io.escalator.validation.FieldErrors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonSchemaGateTest {

    private static final String PERSON = """
            {"type": "object", "required": ["name", "age"],
             "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0}}}""";

    static Gate schemaGate(String schema) {
        FieldErrors errors = new FieldErrors();
        List<Gate> gates = Gates.parse(Json.readTree("[{\"type\": \"json-schema\", \"schema\": " + schema + "}]"),
                "gates", errors, TestSandboxes.GATES);
        errors.throwIfAny();
        return gates.getFirst();
    }

    private final Gate gate = schemaGate(PERSON);

    @Test
    void passesAValidDocument() {
        GateResult result = gate.check("{\"name\": \"Ada\", \"age\": 36}");

        assertThat(result).isEqualTo(GateResult.pass("json-schema", "answer is valid against the schema"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "```json\n{\"name\": \"Ada\", \"age\": 36}\n```",
            "```JSON\n{\"name\": \"Ada\", \"age\": 36}\n```",
            "```\n{\"name\": \"Ada\", \"age\": 36}\n```",
            "Here it is:\n```json\n{\"name\": \"Ada\", \"age\": 36}\n```\nAnything else?",
            "  \n{\"name\": \"Ada\", \"age\": 36}\n  "})
    void acceptsJsonFencedInMarkdownOrSurroundedByWhitespace(String answer) {
        assertThat(gate.check(answer).passed()).isTrue();
    }

    @Test
    void aCodeBlockInAnotherLanguageBeforeTheJsonIsSkipped() {
        String answer = """
                Run this first:
                ```python
                print("hello")
                ```
                Then the record:
                ```json
                {"name": "Ada", "age": 36}
                ```""";

        assertThat(gate.check(answer).passed()).isTrue();
    }

    @Test
    void anUntaggedBlockIsTakenWhenNoBlockIsTaggedJson() {
        String answer = "```sh\necho hi\n```\nResult:\n```\n{\"name\": \"Ada\", \"age\": 36}\n```";

        assertThat(gate.check(answer).passed()).isTrue();
    }

    @Test
    void failsADocumentThatViolatesTheSchemaWithoutCountingASyntaxError() {
        GateResult result = gate.check("{\"name\": \"Ada\", \"age\": -1}");

        assertThat(result.passed()).isFalse();
        assertThat(result.syntaxErrors()).isZero();
        assertThat(result.message()).startsWith("answer violates the schema: ").contains("/age");
    }

    @Test
    void showsAtMostFiveViolationsAndCountsTheRest() {
        Gate strict = schemaGate("""
                {"type": "object", "required": ["a", "b", "c", "d", "e", "f", "g"]}""");

        String message = strict.check("{}").message();

        assertThat(message.split("; ")).hasSize(5);
        assertThat(message).endsWith(" (and 2 more)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada, 36", "{\"name\": \"Ada\", \"age\": 36", "{name: 'Ada'}"})
    void anAnswerThatIsNotJsonCountsOneSyntaxError(String answer) {
        GateResult result = gate.check(answer);

        assertThat(result.passed()).isFalse();
        assertThat(result.syntaxErrors()).isEqualTo(1);
        assertThat(result.message()).startsWith("answer is not JSON: ").contains("(line 1, column ").doesNotContain("REDACTED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\": \"Ada\", \"age\": 36} Hope this helps!", "{\"name\": \"Ada\", \"age\": 36}\n{}"})
    void textAfterTheDocumentMakesTheAnswerNotJson(String answer) {
        GateResult result = gate.check(answer);

        assertThat(result.passed()).isFalse();
        assertThat(result.syntaxErrors()).isEqualTo(1);
        assertThat(result.message()).startsWith("answer is not JSON: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n ", "```json\n```"})
    void anEmptyAnswerCountsOneSyntaxError(String answer) {
        GateResult result = gate.check(answer);

        assertThat(result.passed()).isFalse();
        assertThat(result.syntaxErrors()).isEqualTo(1);
        assertThat(result.message()).isEqualTo("answer is empty, expected a JSON document");
    }

    @Test
    void aLocalReferenceIsResolved() {
        Gate withRef = schemaGate("""
                {"$defs": {"positive": {"type": "integer", "minimum": 1}},
                 "type": "object", "properties": {"n": {"$ref": "#/$defs/positive"}}}""");

        assertThat(withRef.check("{\"n\": 3}").passed()).isTrue();
        assertThat(withRef.check("{\"n\": 0}").passed()).isFalse();
    }

    @Test
    void theBooleanSchemaTrueAcceptsAnyJson() {
        assertThat(schemaGate("true").check("[1, 2]").passed()).isTrue();
    }
}
