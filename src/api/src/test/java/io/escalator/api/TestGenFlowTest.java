package io.escalator.api;

import static io.escalator.api.ScriptedModels.CAPABLE;
import static io.escalator.api.ScriptedModels.CHEAP;
import static io.escalator.api.ScriptedModels.PREMIUM;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.escalator.testing.RecordedRequest;
import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The test-gen workflow through the HTTP API: scripted models behind the real OpenAI client write the tests, the
 * stack's sandbox compiles and runs them in child JVMs, per method.
 */
@QuarkusTest
@WithTestResource(ScriptedModels.class)
class TestGenFlowTest {

    /** Lines 4-6: toFahrenheit; 8-13: classify. */
    private static final String THERMOMETER = """
            package demo;

            public class Thermometer {
                public double toFahrenheit(double celsius) {
                    return celsius * 9 / 5 + 32;
                }

                public String classify(double celsius) {
                    if (celsius < 0) {
                        return "freezing";
                    }
                    return celsius < 25 ? "mild" : "hot";
                }
            }
            """;
    private static final Path SANDBOX_WORK_DIR = Path.of("target", "sandbox-work");

    ScriptedOpenAiServer models;

    @BeforeEach
    void resetModels() {
        models.reset();
    }

    private static String testGenRun(String className, String source) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workflow", "test-gen");
        body.put("source", Map.of("path", "src/main/java/demo/" + className + ".java", "content", source));
        try {
            return new ObjectMapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JUnit 5 test class of package demo testing {@code className} through a field named {@code subject}. */
    private static String tests(String testClass, String className, String members) {
        return """
                package demo;

                import static org.junit.jupiter.api.Assertions.*;

                import org.junit.jupiter.api.Test;

                class %s {
                    private final %s subject = new %s();

                %s}
                """.formatted(testClass, className, className, members);
    }

    /** Answers by the method the prompt is about: {@code <method>name</method>}. */
    private static Function<RecordedRequest, Reply> byMethod(Map<String, Reply> replies) {
        return request -> replies.entrySet().stream()
                .filter(entry -> request.userText().contains("<method>" + entry.getKey() + "</method>"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no scripted answer for " + request.userText()));
    }

    private static List<Map<String, Object>> attemptsOf(JsonPath run, String item) {
        return run.getList("attempts.findAll { it.item == '" + item + "' }");
    }

    @Test
    void testsWithASyntaxErrorClimbToTheCapableTierWhoseTestsPassAndOnlyThatMethodClimbs() {
        String fahrenheitTests = tests("ThermometerToFahrenheitTest", "Thermometer", """
                    @Test
                    void convertsFreezingAndBoiling() {
                        assertEquals(32.0, subject.toFahrenheit(0), 1e-9);
                        assertEquals(212.0, subject.toFahrenheit(100), 1e-9);
                    }
                """);
        String brokenClassifyTests = tests("ThermometerClassifyTest", "Thermometer", """
                    @Test
                    void classifies() {
                        assertEquals("freezing", subject.classify(-5))
                    }
                """);
        String classifyTests = tests("ThermometerClassifyTest", "Thermometer", """
                    @Test
                    void belowZeroIsFreezing() {
                        assertEquals("freezing", subject.classify(-0.5));
                        assertEquals("freezing", subject.classify(-40));
                    }

                    @Test
                    void upToTwentyFiveIsMildAboveIsHot() {
                        assertEquals("mild", subject.classify(0));
                        assertEquals("mild", subject.classify(24.9));
                        assertEquals("hot", subject.classify(25));
                    }
                """);
        models.script(CHEAP, byMethod(Map.of(
                "toFahrenheit", Reply.text("```java\n" + fahrenheitTests + "```"),
                "classify", Reply.text("```java\n" + brokenClassifyTests + "```"))));
        models.script(CAPABLE, byMethod(Map.of("classify", Reply.text(classifyTests))));

        JsonPath run = Runs.awaitEnd(Runs.start(testGenRun("Thermometer", THERMOMETER)));

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getString("items.find { it.id == 'toFahrenheit' }.tier")).isEqualTo("cheap");
        assertThat(run.getString("items.find { it.id == 'classify' }.tier")).isEqualTo("capable");
        List<Map<String, Object>> classify = attemptsOf(run, "classify");
        assertThat(classify).extracting(attempt -> attempt.get("tier")).containsExactly("cheap", "cheap", "capable");
        assertThat(classify.subList(0, 2)).allSatisfy(attempt ->
                assertThat((Integer) signals(attempt).get("syntaxErrors")).isPositive());
        Map<String, Object> capable = signals(classify.getLast());
        assertThat(capable.get("testPassRate")).isEqualTo(1.0f);
        assertThat((Float) capable.get("coverage")).isPositive();
        assertThat((Float) capable.get("assertionDepth")).isPositive();
        assertThat(attemptsOf(run, "toFahrenheit")).extracting(attempt -> attempt.get("tier")).containsExactly("cheap");
        assertThat(models.callCount(PREMIUM)).isZero();
        assertThat(models.requests(CAPABLE)).singleElement().satisfies(request -> assertThat(request.userText())
                .contains("ThermometerClassifyTest.java line 12").contains("syntax error"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> signals(Map<String, Object> attempt) {
        return (Map<String, Object>) attempt.get("signals");
    }

    @Test
    void aClassThatDoesNotCompileIsRefusedWithTheCompilersMessageBeforeAnyModelCall() {
        String broken = THERMOMETER.replace("return celsius * 9 / 5 + 32;", "return celsius * 9 / 5 + offset;");

        given().contentType(ContentType.JSON).body(testGenRun("Thermometer", broken))
                .when().post("/runs")
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("details[0].field", org.hamcrest.Matchers.equalTo("source.content"))
                .body("details[0].message", org.hamcrest.Matchers.startsWith("does not compile by itself: line 5: "));
        assertThat(models.callCount(CHEAP) + models.callCount(CAPABLE) + models.callCount(PREMIUM)).isZero();
    }

    @Test
    void generatedCodeThatMisbehavesFailsItsAttemptWithTheReasonAndTheStackCarriesOn() throws IOException {
        String ops = """
                package demo;

                public class Ops {
                    public int inc(int x) { return x + 1; }
                    public int dec(int x) { return x - 1; }
                    public int twice(int x) { return 2 * x; }
                    public int half(int x) { return x / 2; }
                    public int negate(int x) { return -x; }
                }
                """;
        Map<String, String> faults = Map.of(
                "inc", "while (subject.inc(1) == 2) { }",
                "dec", "System.exit(subject.dec(1));",
                "twice", "java.util.List<long[]> hog = new java.util.ArrayList<>();\n"
                        + "        while (true) { hog.add(new long[subject.twice(500_000)]); }",
                "half", "java.nio.file.Files.writeString(java.nio.file.Path.of(\"/tmp/escaped\"), \"x\");",
                "negate", "for (int i = 0; i < 3_000; i++) { System.out.println(\"z\".repeat(1000)); }");
        // exiting and writing files are refused before anything runs; the others are stopped by the child JVM's limits
        Map<String, String> reasons = Map.of(
                "inc", "the test run failed: timed out after 5 s during OpsIncTest.behaves; the child JVM was killed",
                "dec", "the test run failed: The tests use what the sandbox forbids, so nothing was compiled or run: "
                        + "line 12: System.exit (ending the JVM)",
                "twice", "the test run failed: out of memory: the tests used more than the 128 MiB heap",
                "half", "the test run failed: The tests use what the sandbox forbids, so nothing was compiled or run: "
                        + "line 12: java.nio.file.Files.writeString (file system access)",
                "negate", "the test run failed: too much output: more than 1 MiB during OpsNegateTest.behaves");
        models.script(CHEAP, request -> faults.keySet().stream()
                .filter(method -> request.userText().contains("<method>" + method + "</method>"))
                .findFirst()
                .map(method -> Reply.text(answerFor(request, method, faults.get(method))))
                .orElseThrow());

        JsonPath run = Runs.awaitEnd(Runs.start(testGenRun("Ops", ops)));

        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
        reasons.forEach((method, reason) -> {
            List<Map<String, Object>> attempts = attemptsOf(run, method);
            assertThat(attempts).as(method).hasSize(2);
            assertThat(gateMessage(attempts.getFirst())).as(method).startsWith(reason);
            assertThat(gateMessage(attempts.getLast())).as(method).isEqualTo("1 of 1 tests passed");
        });
        given().when().get("/q/health").then().statusCode(200);
        try (Stream<Path> left = Files.list(SANDBOX_WORK_DIR)) {
            assertThat(left.filter(path -> path.getFileName().toString().startsWith("escalator-attempt-"))).isEmpty();
        }
    }

    /**
     * The fault on the first attempt at a method; once the failure history shows it, a test that passes with three
     * assertions (enough for the CQS to reach the success line with full coverage).
     */
    private static String answerFor(RecordedRequest request, String method, String fault) {
        String testClass = "Ops" + Character.toUpperCase(method.charAt(0)) + method.substring(1) + "Test";
        String body = request.userText().contains("<failure_history")
                ? Stream.of(-3, 0, 4).map(x -> "assertEquals(new Ops()." + method + "(" + x + "), subject." + method
                        + "(" + x + "));").collect(java.util.stream.Collectors.joining("\n        "))
                : fault;
        return tests(testClass, "Ops", """
                    @Test
                    void behaves() throws Exception {
                        %s
                    }
                """.formatted(body));
    }

    @SuppressWarnings("unchecked")
    private static String gateMessage(Map<String, Object> attempt) {
        return (String) ((List<Map<String, Object>>) attempt.get("gates")).getFirst().get("message");
    }
}
