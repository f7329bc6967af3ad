package io.escalator.testgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.escalator.model.TaskContext;
import io.escalator.quality.AnswerCheck;
import io.escalator.quality.Gate;
import io.escalator.quality.GateCheck;
import io.escalator.quality.GateResources;
import io.escalator.quality.GateSandbox;
import io.escalator.quality.GeneratedTestsGate;
import io.escalator.quality.Gates;
import io.escalator.quality.RecordedVerdicts;
import io.escalator.run.Attempt;
import io.escalator.run.ItemSpec;
import io.escalator.sandbox.JavaSources;
import io.escalator.sandbox.JavaTestResult.Diagnostic;
import io.escalator.validation.FieldErrors;
import io.escalator.workflow.RunDefinition;
import io.escalator.workflow.RunRequestParser;
import io.escalator.workflow.Workflow;
import io.escalator.workflow.WorkflowRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Generates JUnit 5 tests for a Java class, one item per public method (or per listed target), so only the methods
 * whose tests fall short climb the ladder. Each answer (a test class) is compiled and run against the class in the
 * sandbox; its CQS comes from measured signals: syntax errors, the share of tests passing, the coverage of the
 * method's lines, assertions per test, and (full mode) the reviewer's confidence.
 */
@ApplicationScoped
public class TestGenWorkflow implements Workflow {

    public static final String NAME = "test-gen";
    static final String JUNIT5 = "junit5";
    static final int MAX_SOURCE_LENGTH = 100_000;

    private final GateResources gateResources;

    /** Without a recorded dataset: {@code recorded-label} gates are refused. */
    public TestGenWorkflow(GateSandbox sandbox) {
        this(sandbox, RecordedVerdicts.NONE);
    }

    @Inject
    public TestGenWorkflow(GateSandbox sandbox, RecordedVerdicts recorded) {
        this.gateResources = new GateResources(sandbox, recorded);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> fields() {
        return Set.of("source", "testFramework", "targets", "gates");
    }

    @Override
    public WorkflowRequest parse(JsonNode body, FieldErrors errors) {
        JsonNode gates = RunRequestParser.gates(body, false, errors, gateResources);
        JsonNode framework = body.get("testFramework");
        if (framework != null && !framework.isNull() && !JUNIT5.equals(framework.asText())) {
            errors.add("testFramework", "'" + framework.asText() + "' is not supported; supported: " + JUNIT5);
        }
        JsonNode source = body.get("source");
        if (source == null || !source.isObject()) {
            errors.add("source", "is required: {\"path\": \"src/main/java/demo/Calculator.java\", \"content\": \"<java source>\"}");
            return new WorkflowRequest(null, List.of(), gates, JsonNodeFactory.instance.objectNode());
        }
        RunRequestParser.unknownFields(source, Set.of("path", "content"), "source.", errors);
        String path = RunRequestParser.text(source, "path", "source.path", errors);
        if (path != null && !path.endsWith(".java")) {
            errors.add("source.path", "'" + path + "' is not a .java file");
        }
        String content = RunRequestParser.text(source, "content", "source.content", errors);
        if (content == null) {
            return new WorkflowRequest(null, List.of(), gates, JsonNodeFactory.instance.objectNode());
        }
        Optional<String> className = classUnderTest(content, errors);
        if (className.isEmpty()) {
            return new WorkflowRequest(null, List.of(), gates, JsonNodeFactory.instance.objectNode());
        }
        List<ItemSpec> items = items(body.get("targets"), JavaSources.publicMethods(content), className.get(), errors);
        ObjectNode data = JsonNodeFactory.instance.objectNode()
                .put("path", path).put("content", content).put("className", className.get()).put("testFramework", JUNIT5);
        return new WorkflowRequest("Write JUnit 5 tests for " + className.get(), items, gates, data);
    }

    /** The class's name, when it parses and compiles by itself; otherwise the compiler's messages, per line. */
    private static Optional<String> classUnderTest(String content, FieldErrors errors) {
        String className;
        try {
            className = JavaSources.className(content);
        } catch (IllegalArgumentException e) {
            errors.add("source.content", e.getMessage());
            return Optional.empty();
        }
        Optional<List<Diagnostic>> compileErrors = JavaSources.compileErrors(className, content);
        compileErrors.ifPresent(found -> found.forEach(error -> errors.add("source.content",
                "does not compile by itself: line " + error.line() + ": " + error.message())));
        return compileErrors.isPresent() ? Optional.empty() : Optional.of(className);
    }

    /** One item per target method (all public methods when no targets are given), keyed by a safe id. */
    private static List<ItemSpec> items(JsonNode targets, List<String> publicMethods, String className,
                                        FieldErrors errors) {
        List<String> methods = publicMethods;
        if (targets != null && !targets.isNull()) {
            if (!targets.isArray() || targets.isEmpty()) {
                errors.add("targets", "must be a non-empty array of method names");
                return List.of();
            }
            methods = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                String target = targets.get(i).asText("");
                if (!publicMethods.contains(target)) {
                    errors.add("targets[" + i + "]", "'" + target + "' is not a public method of " + className
                            + "; its public methods: " + String.join(", ", publicMethods));
                } else if (!methods.contains(target)) {
                    methods.add(target);
                }
            }
        } else if (publicMethods.isEmpty()) {
            errors.add("source.content", className + " has no public methods to test");
        }
        Map<String, ItemSpec> items = new LinkedHashMap<>();
        for (String method : methods) {
            String id = itemId(method);
            items.putIfAbsent(id, new ItemSpec(id, method));
        }
        return List.copyOf(items.values());
    }

    /** Item ids allow letters, digits, '.', '_' and '-' and start with a letter or digit; Java names may hold '$'. */
    static String itemId(String method) {
        String id = method.replaceAll("[^A-Za-z0-9._-]", "-");
        return Character.isLetterOrDigit(id.charAt(0)) ? id : "m" + id;
    }

    @Override
    public TaskContext task(RunDefinition run, ItemSpec item, List<Attempt> history) {
        String className = run.data().path("className").asText();
        return new TaskContext("Write a JUnit 5 test class for the method " + item.input() + " of " + className + ".",
                item.input(), history, new TestClassFormat(className, run.data().path("path").asText(),
                run.data().path("content").asText(), testClass(className, item.input())));
    }

    /** The generated tests run against the class, then the request's own gates (on the test source) if any. */
    @Override
    public AnswerCheck answerCheck(RunDefinition run, ItemSpec item) {
        String className = run.data().path("className").asText();
        String source = run.data().path("content").asText();
        List<Gate> gates = new ArrayList<>();
        gates.add(new GeneratedTestsGate(className, source, testClass(className, item.input()),
                JavaSources.methodLines(source, item.input()), gateResources.sandbox()));
        gates.addAll(Gates.parse(run.gates(), "gates", new FieldErrors(), gateResources));
        return new GateCheck(gates);
    }

    /** {@code demo.Calculator} and {@code add} make {@code demo.CalculatorAddTest}. */
    static String testClass(String className, String method) {
        String name = method.replaceAll("[^A-Za-z0-9_]", "");
        return className + (name.isEmpty() ? "" : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1))
                + "Test";
    }
}
