package io.escalator.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.escalator.replay.RecordedAnswers;
import io.escalator.support.Json;
import io.escalator.testkit.JavaSamples;
import io.escalator.testkit.RecordedFixture;
import io.escalator.testkit.TestSandboxes;
import io.escalator.validation.FieldError;
import io.escalator.validation.FieldErrors;
import io.escalator.validation.InvalidRequestException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GatesTest {

    /** The gates parsed and the errors found. */
    private record Parsed(List<Gate> gates, List<FieldError> errors) {
    }

    private static Parsed parse(String json) {
        return parse(json, "gates");
    }

    private static Parsed parse(String json, String field) {
        return parse(json, field, GateResources.of(TestSandboxes.GATES));
    }

    private static Parsed parse(String json, String field, GateResources resources) {
        FieldErrors errors = new FieldErrors();
        List<Gate> gates = Gates.parse(Json.readTree(json), field, errors, resources);
        InvalidRequestException thrown = catchThrowableOfType(InvalidRequestException.class, errors::throwIfAny);
        return new Parsed(gates, thrown == null ? List.of() : thrown.errors());
    }

    /** Parsed with the hand-made recorded dataset configured. */
    private static Parsed parseRecorded(String json) {
        return parse(json, "gates", new GateResources(TestSandboxes.GATES, RECORDED));
    }

    private static final RecordedVerdicts RECORDED = RecordedAnswers.of(RecordedFixture.dataset(), 0);

    @Test
    void aRecordedLabelGateKeepsItsErrorRateAndJudgesByTheConfiguredDataset() {
        Parsed parsed = parseRecorded("[{\"type\": \"recorded-label\", \"errorRate\": 0.1}, {\"type\": \"recorded-label\"}]");

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.gates()).containsExactly(new DatasetLabelGate(0.1, RECORDED), new DatasetLabelGate(0, RECORDED));
        assertThat(parsed.gates()).extracting(Gate::type).containsExactly("recorded-label", "recorded-label");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.1", "1.5", "\"0.1\"", "true", "{}"})
    void aRecordedLabelGatesErrorRateIsANumberFromZeroToOne(String rate) {
        assertThat(parseRecorded("[{\"type\": \"contains\", \"value\": \"x\"}, {\"type\": \"recorded-label\", \"errorRate\": "
                + rate + "}]").errors()).containsExactly(new FieldError("gates[1].errorRate",
                "must be a number from 0 to 1 (the share of verdicts the gate gets wrong), was " + rate));
    }

    @Test
    void aRecordedLabelGateWithoutARecordedDatasetIsRefusedSayingHowToConfigureOne() {
        assertThat(parse("[{\"type\": \"recorded-label\", \"errorRate\": 0.1}]").errors()).containsExactly(new FieldError(
                "gates[0]", "the recorded-label gate judges answers by a recorded dataset, and none is configured: set"
                        + " escalator.replay.dataset (environment variable ESCALATOR_REPLAY_DATASET) to a RouterBench CSV"
                        + " and restart"));
    }

    @Test
    void parsesEachTypeOfGate() {
        Parsed parsed = parse("""
                [{"type": "contains", "value": "Paris"},
                 {"type": "equals", "value": "42"},
                 {"type": "regex", "pattern": "\\\\d+"},
                 {"type": "json-schema", "schema": {"type": "object"}}]""");

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.gates()).extracting(Gate::type).containsExactly("contains", "equals", "regex", "json-schema");
        assertThat(parsed.gates().get(0)).isEqualTo(new ContainsGate("Paris"));
        assertThat(parsed.gates().get(1)).isEqualTo(new EqualsGate("42"));
        assertThat(((RegexGate) parsed.gates().get(2)).pattern()).isEqualTo("\\d+");
        assertThat(((RegexGate) parsed.gates().get(2)).timeLimit()).isEqualTo(RegexGate.DEFAULT_TIME_LIMIT);
    }

    @Test
    void anEmptyArrayHasNoGatesAndNoErrors() {
        assertThat(parse("[]")).isEqualTo(new Parsed(List.of(), List.of()));
    }

    @Test
    void somethingOtherThanAnArrayIsRefused() {
        assertThat(parse("{\"type\": \"contains\"}").errors())
                .containsExactly(new FieldError("gates", "must be an array of gates"));
    }

    @Test
    void aGateThatIsNotAnObjectIsRefused() {
        assertThat(parse("[\"contains\"]").errors())
                .containsExactly(new FieldError("gates[0]", "must be an object with a \"type\""));
    }

    @Test
    void anUnknownTypeIsRefusedWithTheKnownOnes() {
        assertThat(parse("[{\"type\": \"startsWith\", \"value\": \"x\"}]").errors()).containsExactly(new FieldError(
                "gates[0].type", "unknown gate type 'startsWith'; known types: contains, equals, regex, json-schema, tests,"
                + " recorded-label"));
    }

    @Test
    void aTestsGateKeepsItsTestsAndTheirClassName() {
        Parsed parsed = parse("[{\"type\": \"tests\", \"language\": \"java\", \"tests\": "
                + Json.write(JavaSamples.ADD_TESTS) + "}]");

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.gates()).singleElement().isInstanceOfSatisfying(TestsGate.class, gate -> {
            assertThat(gate.tests()).isEqualTo(JavaSamples.ADD_TESTS);
            assertThat(gate.testClass()).isEqualTo("demo.CalculatorAddTest");
        });
    }

    @Test
    void aTestsGateNeedsJavaTestsThatParse() {
        List<FieldError> errors = parse("""
                [{"type": "tests", "language": "python", "tests": "def test(): pass"},
                 {"type": "tests", "tests": "class T {}"},
                 {"type": "tests", "language": "java"},
                 {"type": "tests", "language": "java", "tests": "class T { void t() { } "}]""").errors();

        assertThat(errors.subList(0, 3)).containsExactly(
                new FieldError("gates[0].language", "'python' is not supported; supported: java"),
                new FieldError("gates[1].language", "is required and must be a string"),
                new FieldError("gates[2].tests", "is required and must be a string"));
        assertThat(errors.get(3).field()).isEqualTo("gates[3].tests");
        assertThat(errors.get(3).message())
                .startsWith("is not a JUnit test class: the source does not parse: line 1: Parse error. Found <EOF>");
        assertThat(errors).hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"type\": null}", "{\"type\": \"\"}"})
    void aMissingTypeIsRefused(String gate) {
        assertThat(parse("[" + gate + "]").errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("gates[0].type");
            assertThat(error.message()).startsWith("is missing");
        });
    }

    @ParameterizedTest(name = "{0} needs its {1}")
    @CsvSource({"contains, value", "equals, value", "regex, pattern"})
    void aMissingFieldIsRefused(String type, String field) {
        assertThat(parse("[{\"type\": \"" + type + "\"}]").errors())
                .containsExactly(new FieldError("gates[0]." + field, "is required and must be a string"));
    }

    @ParameterizedTest(name = "{0} needs a non-empty {1}")
    @CsvSource({"contains, value", "equals, value", "regex, pattern"})
    void anEmptyFieldIsRefused(String type, String field) {
        assertThat(parse("[{\"type\": \"" + type + "\", \"" + field + "\": \"\"}]").errors())
                .containsExactly(new FieldError("gates[0]." + field, "must not be empty"));
    }

    @Test
    void aValueThatIsNotAStringIsRefused() {
        assertThat(parse("[{\"type\": \"equals\", \"value\": 42}]").errors())
                .containsExactly(new FieldError("gates[0].value", "is required and must be a string"));
    }

    @Test
    void anInvalidRegexIsRefusedWithWhereItBreaks() {
        assertThat(parse("[{\"type\": \"regex\", \"pattern\": \"(unclosed\"}]").errors()).containsExactly(
                new FieldError("gates[0].pattern", "invalid regular expression: Unclosed group near index 9"));
    }

    @Test
    void aPatternLongerThanTheLimitIsRefused() {
        String pattern = "a".repeat(Gates.MAX_PATTERN_LENGTH + 1);

        assertThat(parse("[{\"type\": \"regex\", \"pattern\": \"" + pattern + "\"}]").errors()).containsExactly(
                new FieldError("gates[0].pattern", "is 1001 characters long; at most 1000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\": \"json-schema\"}", "{\"type\": \"json-schema\", \"schema\": \"object\"}"})
    void aMissingSchemaIsRefused(String gate) {
        assertThat(parse("[" + gate + "]").errors())
                .containsExactly(new FieldError("gates[0].schema", "is required and must be a JSON Schema (an object)"));
    }

    @Test
    void anInvalidSchemaIsRefused() {
        assertThat(parse("[{\"type\": \"json-schema\", \"schema\": {\"type\": 12}}]").errors())
                .singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("gates[0].schema");
                    assertThat(error.message()).startsWith("is not a valid JSON Schema (draft 2020-12): /type: ");
                });
    }

    @Test
    void numbersBeyondADoubleInASchemaAreReadExactly() {
        // found by ApiFuzzIT: 1E+400 is a valid JSON number that no double holds
        assertThat(parse("[{\"type\": \"json-schema\", \"schema\": {\"type\": 1E+400}}]").errors())
                .singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("gates[0].schema"));
        Parsed belowAllDoubles = parse("[{\"type\": \"json-schema\", \"schema\": {\"maximum\": -1E+400}}]");
        assertThat(belowAllDoubles.errors()).isEmpty();
        assertThat(belowAllDoubles.gates().getFirst().check("-1E+401").passed()).isTrue();
        assertThat(belowAllDoubles.gates().getFirst().check("-1E+399").passed()).isFalse();
    }

    @Test
    void aReferenceToAMissingDefinitionIsRefusedWithTheRequest() {
        assertThat(parse("[{\"type\": \"json-schema\", \"schema\": {\"$ref\": \"#/$defs/missing\"}}]").errors())
                .singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("gates[0].schema");
                    assertThat(error.message()).startsWith("is not a usable JSON Schema: ").contains("/$defs/missing");
                });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"type\": \"object\", \"properties\": {\"name\": {\"$ref\": \"%s\"}}}",
            "{\"$ref\": \"%s\"}",
            "{\"$schema\": \"%s\", \"type\": \"object\"}"})
    void aRemoteSchemaIsNeverFetchedAndTheGateIsRefusedWithTheRequest(String schemaTemplate) throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{\"type\": \"string\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/remote.json";

            Parsed parsed = parse("[{\"type\": \"json-schema\", \"schema\": " + schemaTemplate.formatted(url) + "}]");

            assertThat(requests).hasValue(0);
            assertThat(parsed.gates()).isEmpty();
            assertThat(parsed.errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("gates[0].schema");
                assertThat(error.message()).contains(url);
            });
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRemoteReferenceIsRefusedWithAnExplanation() {
        assertThat(parse("[{\"type\": \"json-schema\", \"schema\": {\"$ref\": \"https://example.invalid/s.json\"}}]")
                .errors()).singleElement().satisfies(error -> assertThat(error.message()).isEqualTo(
                "refers to https://example.invalid/s.json, which is not available: remote $refs are never fetched;"
                        + " put the referenced schema under $defs and refer to it as #/$defs/..."));
    }

    @Test
    void everyErrorIsReportedWithItsIndexAndTheValidGatesAreKept() {
        Parsed parsed = parse("""
                [{"type": "contains", "value": "ok"},
                 {"type": "nope"},
                 {"type": "regex", "pattern": "["},
                 {"type": "equals", "value": "fine"},
                 {"type": "json-schema", "schema": {"type": 12}}]""", "checks");

        assertThat(parsed.gates()).containsExactly(new ContainsGate("ok"), new EqualsGate("fine"));
        assertThat(parsed.errors()).extracting(FieldError::field)
                .containsExactly("checks[1].type", "checks[2].pattern", "checks[4].schema");
    }
}
