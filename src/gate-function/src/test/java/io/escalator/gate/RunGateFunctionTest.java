package io.escalator.gate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.escalator.sandbox.JavaTestResult;
import io.escalator.sandbox.JavaTestRun;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaMapperRecorder;
import io.quarkus.funqy.runtime.ApplicationException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * runGate invoked as Lambda invokes it, through the mock event server that {@code @QuarkusTest} starts, with the
 * function's real sandbox: each test is one attempt in a real child JVM.
 */
@QuarkusTest
class RunGateFunctionTest {

    /** Set by surefire in this JVM's environment (see the pom): the child must not see it. */
    private static final String CANARY = "ESCALATOR_SANDBOX_CANARY";

    /** The mapper Funqy reads the input and writes the output with. */
    private static final ObjectMapper FUNQY = AmazonLambdaMapperRecorder.objectMapper;

    private static final String THERMOSTAT = """
            package demo;

            public class Thermostat {
                private int target = 20;

                public int target() {
                    return target;
                }

                public void raise(int degrees) {
                    if (degrees <= 0) {
                        throw new IllegalArgumentException("raise by a positive amount");
                    }
                    target += degrees;
                }
            }
            """;

    @Test
    void aPassingSuiteComesBackMeasured() {
        JavaTestResult result = result(invoke(thermostatTest("PT20S", """
                @Test
                void startsAtTwenty() {
                    assertEquals(20, thermostat.target());
                }

                @Test
                void raisesByPositiveAmountsOnly() {
                    thermostat.raise(2);
                    assertEquals(22, thermostat.target());
                    assertThrows(IllegalArgumentException.class, () -> thermostat.raise(0));
                }
                """)));

        assertThat(result.failure()).isNull();
        assertThat(result.compileErrors()).isEmpty();
        assertThat(result.testsRun()).isEqualTo(2);
        assertThat(result.testsPassed()).isEqualTo(2);
        assertThat(result.lineCoverage()).isEqualTo(1.0);
        assertThat(result.branchCoverage()).isEqualTo(1.0);
        assertThat(result.uncoveredLines()).isEmpty();
        assertThat(result.assertionsPerTest()).isEqualTo(1.5);
        assertThat(result.timings().runMs()).isPositive();
    }

    @Test
    void aCompileErrorComesBackWithItsLine() {
        JavaTestResult result = result(invoke(thermostatTest("PT20S", """
                @Test
                void lowers() {
                    thermostat.lower(2);
                }
                """)));

        assertThat(result.compileErrors()).singleElement().satisfies(error -> {
            assertThat(error.source()).isEqualTo("ThermostatTest.java");
            assertThat(error.line()).isEqualTo(12);
            assertThat(error.message()).contains("cannot find symbol", "lower");
        });
        assertThat(result.testsRun()).isZero();
    }

    @Test
    void aTestThatNeverEndsIsKilledAtTheTimeout() {
        JavaTestResult result = result(invoke(thermostatTest("PT2S", """
                @Test
                void spins() {
                    long turns = 0;
                    while (thermostat.target() > 0) {
                        turns++;
                    }
                    assertTrue(turns > 0);
                }
                """)));

        assertThat(result.failure()).isEqualTo("timed out after 2 s during ThermostatTest.spins; the child JVM was killed");
        assertThat(result.testsPassed()).isZero();
    }

    @Test
    void theChildInheritsNoEnvironmentVariable() {
        assertThat(System.getenv(CANARY)).as("surefire sets it for this JVM").isNotNull();

        JavaTestResult result = result(invoke(thermostatTest("PT20S", """
                @Test
                void seesNoEnvironment() {
                    assertNull(System.getenv("%s"));
                    assertEquals(java.util.Map.of(), System.getenv());
                }
                """.formatted(CANARY))));

        assertThat(result.testFailures()).isEmpty();
        assertThat(result.testsPassed()).isEqualTo(1);
    }

    @Test
    void anInputWithoutItsFieldsIsRefusedNamingEachOne() {
        String message = functionError(invoke("{}"));

        assertThat(message).isEqualTo(InvalidGateInputException.class.getName() + ": invalid test run: "
                + "classUnderTest is missing or blank; classSource is missing or blank; testClass is missing or blank; "
                + "testSource is missing or blank; timeout is missing: expected an ISO-8601 duration such as \"PT30S\"");
    }

    @Test
    void aTimeoutThatIsNotPositiveIsRefused() {
        assertThat(functionError(invoke(thermostatTest("PT0S", "")))).endsWith("invalid test run: timeout must be positive, was PT0S");
        assertThat(functionError(invoke(thermostatTest("-PT1S", "")))).endsWith("invalid test run: timeout must be positive, was PT-1S");
        assertThat(functionError(invoke("null"))).endsWith("invalid test run: the input is missing: expected a JSON "
                + "object with classUnderTest, classSource, testClass, testSource and timeout");
    }

    /**
     * The tier executor writes the timeout as ISO-8601 text (LambdaTestSandbox in src/aws). Jackson's own default, which
     * Quarkus keeps (quarkus.jackson.write-durations-as-timestamps=true), is a decimal number of seconds: the function
     * reads both.
     */
    @Test
    void theTimeoutIsReadInIsoFormAndAsJacksonWritesItByDefault() throws JsonProcessingException {
        assertThat(FUNQY.writeValueAsString(Duration.ofMillis(1500))).isEqualTo("1.500000000");
        assertThat(FUNQY.readValue("\"PT1.5S\"", Duration.class)).isEqualTo(Duration.ofMillis(1500));
        assertThat(FUNQY.readValue("1.500000000", Duration.class)).isEqualTo(Duration.ofMillis(1500));

        JavaTestRun run = new JavaTestRun("demo.Thermostat", THERMOSTAT, "demo.ThermostatTest", "", Duration.ofSeconds(30));
        assertThat(FUNQY.readValue(FUNQY.writeValueAsString(run), JavaTestRun.class)).isEqualTo(run);
    }

    /** A test class for Thermostat with these members, as the input JSON the tier executor sends. */
    private static String thermostatTest(String timeout, String members) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("classUnderTest", "demo.Thermostat");
        run.put("classSource", THERMOSTAT);
        run.put("testClass", "demo.ThermostatTest");
        run.put("testSource", """
                package demo;

                import static org.junit.jupiter.api.Assertions.*;

                import org.junit.jupiter.api.Test;

                class ThermostatTest {
                    private final Thermostat thermostat = new Thermostat();

                %s}
                """.formatted(members.indent(4)));
        run.put("timeout", timeout);
        try {
            return FUNQY.writeValueAsString(run);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response invoke(String event) {
        int port = ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
        return given().baseUri("http://localhost").port(port).contentType(ContentType.JSON).body(event)
                .when().post("/_lambda_");
    }

    private static JavaTestResult result(Response response) {
        try {
            return FUNQY.readValue(response.then().statusCode(200).extract().asString(), JavaTestResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The error message of the function's exception, from the Lambda error document (HTTP 500). In this poll loop Funqy
     * has wrapped it, so the message is the function exception's "type: message".
     */
    private static String functionError(Response response) {
        JsonPath error = response.then().statusCode(500).extract().jsonPath();
        assertThat(error.getString("errorType")).isEqualTo(ApplicationException.class.getName());
        assertThat(error.getMap("$")).containsOnlyKeys("errorType", "errorMessage");
        return error.getString("errorMessage");
    }
}
