package io.escalator.testgen;

import static io.escalator.testkit.JavaSamples.CALCULATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.escalator.model.TaskContext;
import io.escalator.quality.QualityCheck;
import io.escalator.run.ItemSpec;
import io.escalator.run.RunSpec;
import io.escalator.support.Json;
import io.escalator.testkit.Engine;
import io.escalator.testkit.JavaSamples;
import io.escalator.validation.FieldError;
import io.escalator.validation.InvalidRequestException;
import io.escalator.workflow.RunDefinition;
import io.escalator.workflow.RunRequestParser;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Requests, tasks and answer checks of the test-gen workflow (answer checks in real child JVMs). */
class TestGenWorkflowTest {

    private static ObjectNode request(String content) {
        ObjectNode body = Json.mapper().createObjectNode().put("workflow", "test-gen");
        body.putObject("source").put("path", "src/main/java/demo/Calculator.java").put("content", content);
        return body;
    }

    private static RunSpec parse(ObjectNode body) {
        return RunRequestParser.parse(body, Engine.WORKFLOWS);
    }

    private static List<FieldError> errors(ObjectNode body) {
        return catchThrowableOfType(InvalidRequestException.class, () -> parse(body)).errors();
    }

    private static ObjectNode with(ObjectNode body, Consumer<ObjectNode> change) {
        change.accept(body);
        return body;
    }

    @Test
    void everyPublicMethodIsAnItem() {
        RunSpec spec = parse(request(CALCULATOR));

        assertThat(spec.workflow()).isEqualTo("test-gen");
        assertThat(spec.objective()).isEqualTo("Write JUnit 5 tests for demo.Calculator");
        assertThat(spec.items()).containsExactly(new ItemSpec("add", "add"), new ItemSpec("divide", "divide"),
                new ItemSpec("absolute", "absolute"));
        assertThat(spec.data().path("className").asText()).isEqualTo("demo.Calculator");
        assertThat(spec.data().path("testFramework").asText()).isEqualTo("junit5");
        assertThat(spec.gates()).isEmpty();
    }

    @Test
    void targetsNarrowTheItemsToThoseMethods() {
        RunSpec spec = parse(with(request(CALCULATOR), body -> {
            body.put("testFramework", "junit5");
            body.putArray("targets").add("divide").add("divide").add("add");
        }));

        assertThat(spec.items()).extracting(ItemSpec::id).containsExactly("divide", "add");
    }

    @Test
    void aClassThatDoesNotCompileIsRefusedWithTheCompilersMessagesBeforeAnyModelCall() {
        String broken = CALCULATOR.replace("return a / b;", "return a / c;");

        assertThat(errors(request(broken))).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("source.content");
            assertThat(error.message()).startsWith("does not compile by itself: line 12: ").contains("c");
        });
    }

    @Test
    void aClassThatDoesNotParseIsRefusedWithTheLine() {
        assertThat(errors(request("package demo;\npublic class Calculator {\n  public int add(int a) { return a }\n}")))
                .singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("source.content");
                    assertThat(error.message()).startsWith("the source does not parse: line 3:");
                });
    }

    @Test
    void everyProblemOfTheRequestIsNamed() {
        ObjectNode body = with(request(CALCULATOR), request -> {
            request.put("testFramework", "testng");
            request.putArray("targets").add("add").add("multiply");
            ((ObjectNode) request.get("source")).put("path", "Calculator.kt").put("encoding", "utf-8");
            request.putArray("gates").addObject().put("type", "tests").put("language", "java");
        });

        assertThat(errors(body)).extracting(FieldError::field).containsExactlyInAnyOrder(
                "gates[0].tests", "testFramework", "source.encoding", "source.path", "targets[1]");
        assertThat(errors(body)).filteredOn(error -> error.field().equals("targets[1]")).singleElement()
                .extracting(FieldError::message)
                .isEqualTo("'multiply' is not a public method of demo.Calculator; its public methods: add, divide, absolute");
    }

    @Test
    void aRequestWithoutSourceOrWithUnknownFieldsIsRefused() {
        ObjectNode body = Json.mapper().createObjectNode().put("workflow", "test-gen").put("objective", "tests please");

        assertThat(errors(body)).extracting(FieldError::field).containsExactlyInAnyOrder("objective", "source");
    }

    @Test
    void aClassWithoutPublicMethodsHasNothingToTest() {
        assertThat(errors(request("package demo;\nclass Hidden {\n  int secret() { return 1; }\n}")))
                .extracting(FieldError::message)
                .containsExactly("demo.Hidden has no public methods to test");
    }

    @Test
    void theTaskGivesTheClassAndTheMethodAndAsksForANamedTestClass() {
        RunSpec spec = parse(request(CALCULATOR));
        TestGenWorkflow workflow = (TestGenWorkflow) Engine.WORKFLOWS.of("test-gen");

        TaskContext task = workflow.task(RunDefinition.of(spec), spec.items().get(1), List.of());

        String prompt = io.escalator.model.Prompts.generator(task, null).user();
        assertThat(prompt).contains("<method>divide</method>").contains(CALCULATOR.strip())
                .contains("path=\"src/main/java/demo/Calculator.java\"");
        assertThat(task.format().answerInstructions()).contains("CalculatorDivideTest").contains("package demo")
                .contains("JUnit 5");
    }

    @Test
    void anAnswerIsCheckedByRunningItAgainstTheClassThenByTheRequestsGates() {
        RunSpec spec = parse(with(request(CALCULATOR), body -> body.putArray("gates").addObject()
                .put("type", "contains").put("value", "assertThrows")));
        TestGenWorkflow workflow = (TestGenWorkflow) Engine.WORKFLOWS.of("test-gen");

        QualityCheck divide = workflow.answerCheck(RunDefinition.of(spec), spec.items().get(1))
                .check(JavaSamples.fenced(JavaSamples.DIVIDE_TESTS));
        QualityCheck add = workflow.answerCheck(RunDefinition.of(spec), spec.items().getFirst())
                .check(JavaSamples.ADD_TESTS);

        assertThat(divide.gates()).extracting(gate -> gate.type() + ":" + gate.passed())
                .containsExactly("generated-tests:true", "contains:true");
        assertThat(divide.signals().coverage()).isEqualTo(1.0);
        assertThat(add.gates()).extracting(gate -> gate.type() + ":" + gate.passed())
                .containsExactly("generated-tests:true", "contains:false");
        assertThat(add.signals().testPassRate()).isEqualTo(0.5);
    }

    @Test
    void itemIdsAndTestClassNamesAreSafeForAnyJavaMethodName() {
        assertThat(TestGenWorkflow.itemId("$compute")).isEqualTo("m-compute");
        assertThat(TestGenWorkflow.itemId("to_string")).isEqualTo("to_string");
        assertThat(TestGenWorkflow.testClass("demo.Calculator", "$compute")).isEqualTo("demo.CalculatorComputeTest");
        assertThat(TestGenWorkflow.testClass("Calculator", "add")).isEqualTo("CalculatorAddTest");
    }
}
