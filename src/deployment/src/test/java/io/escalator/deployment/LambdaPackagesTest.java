package io.escalator.deployment;

import static io.escalator.deployment.SamTemplate.API_HANDLER;
import static io.escalator.deployment.SamTemplate.FUNCTIONS_HANDLER;
import static io.escalator.deployment.SamTemplate.GATE;
import static io.escalator.deployment.SamTemplate.GATE_HANDLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What the template deploys exists after {@code ./mvnw install}: every CodeUri and DefinitionUri, every handler class
 * inside its package, and every Funqy function the template selects with QUARKUS_FUNQY_EXPORT among the functions
 * package's {@code @Funq} methods (read from the class files in function.zip).
 */
class LambdaPackagesTest {

    static final String FUNCTIONS_ZIP = "src/functions/target/function.zip";
    static final String API_ZIP = "src/api-lambda/target/function.zip";
    static final String GATE_ZIP = "src/gate-function/target/function.zip";
    static final String ASL = "infra/statemachine/escalation.asl.json";
    private static final String BUILD_HINT = "Build the Lambda packages first: ./mvnw install -DskipTests (from the repository root).";

    private static final Map<Path, LambdaPackage> PACKAGES = new HashMap<>();

    private final SamTemplate template = SamTemplate.repository();

    @Test
    void everyFileTheTemplateNamesExistsAfterTheBuild() throws IOException {
        Map<String, String> named = new LinkedHashMap<>();
        template.functions().forEach((id, function) -> named.put(id + ".CodeUri", codeUri(id, function)));
        template.resourcesOfType(SamTemplate.STATE_MACHINE).forEach((id, machine) ->
                named.put(id + ".DefinitionUri", text(machine.path("Properties").path("DefinitionUri"), id + ".DefinitionUri")));
        assertThat(named.values()).as("files named by the template").contains(FUNCTIONS_ZIP, API_ZIP, GATE_ZIP, ASL);

        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> entry : named.entrySet()) {
            Path file = Repository.root().resolve(entry.getValue()).normalize();
            if (!file.toFile().isFile()) {
                missing.add(entry.getKey() + " = " + entry.getValue() + " (" + file + ")");
            }
        }
        assertThat(missing).as(() -> "files the template names that do not exist. "
                + (missing.stream().anyMatch(m -> m.contains(".zip")) ? BUILD_HINT : "")).isEmpty();

        for (String file : named.values()) {
            Path path = Repository.root().resolve(file);
            if (file.endsWith(".zip")) {
                try (ZipFile zip = new ZipFile(path.toFile())) {
                    assertThat(zip.size()).as(file + " entries").isPositive();
                }
            } else if (file.endsWith(".json")) {
                new ObjectMapper().readTree(path.toFile());
            }
        }
    }

    @Test
    void eachFunctionHasItsPackageAndHandler() {
        Map<String, JsonNode> functions = template.functions();
        assertThat(functions).containsOnlyKeys("EstimateFunction", "ExecuteTierFunction", "DecideFunction",
                "FinalizeFunction", "RecordApprovalTokenFunction", "CleanupFunction", GATE, "ApiFunction");
        functions.forEach((id, function) -> {
            String handler = text(function.path("Handler"), id + ".Handler");
            String codeUri = codeUri(id, function);
            Map.Entry<String, String> expected = switch (id) {
                case "ApiFunction" -> Map.entry(API_ZIP, API_HANDLER);
                case GATE -> Map.entry(GATE_ZIP, GATE_HANDLER);
                default -> Map.entry(FUNCTIONS_ZIP, FUNCTIONS_HANDLER);
            };
            assertThat(codeUri).as(id + " package").isEqualTo(expected.getKey());
            assertThat(handler).as(id + " handler").isEqualTo(expected.getValue());
            String handlerClass = handler.substring(0, handler.indexOf("::"));
            LambdaPackage lambdaPackage = pkg(codeUri);
            assertThat(lambdaPackage.containsClass(handlerClass))
                    .as("%s: handler class %s in %s", id, handlerClass, codeUri).isTrue();
            lambdaPackage.isStreamHandler(handlerClass).ifPresent(isHandler -> assertThat(isHandler)
                    .as("%s: %s implements RequestStreamHandler.handleRequest", id, handlerClass).isTrue());
        });
    }

    @Test
    void theSixStepFunctionsSelectFunqyFunctionsThePackageExports() {
        TreeMap<String, String> exported = pkg(FUNCTIONS_ZIP).funqyFunctions();
        if (exported.isEmpty()) {
            fail(FUNCTIONS_ZIP + " has no @Funq method at all (its top-level classes and lib/*io.escalator.* jars were "
                    + "searched): is src/functions built from its real sources? " + BUILD_HINT);
        }
        System.out.println("@Funq functions in " + FUNCTIONS_ZIP + ": " + exported);

        Map<String, String> selected = new LinkedHashMap<>();
        template.functions().forEach((id, function) -> {
            if (FUNCTIONS_ZIP.equals(function.path("CodeUri").asText())) {
                String export = SamTemplate.environment(function, "QUARKUS_FUNQY_EXPORT").orElseThrow(() ->
                        new AssertionError(id + " runs the functions package without QUARKUS_FUNQY_EXPORT: with several "
                                + "functions in one package, Funqy cannot tell which one to run"));
                selected.put(id, export);
            } else {
                assertThat(SamTemplate.environment(function, "QUARKUS_FUNQY_EXPORT"))
                        .as(id + " is not a Funqy function and must not set QUARKUS_FUNQY_EXPORT").isEmpty();
            }
        });
        assertThat(selected).as("QUARKUS_FUNQY_EXPORT per function").containsExactlyInAnyOrderEntriesOf(Map.of(
                "EstimateFunction", "estimate",
                "ExecuteTierFunction", "executeTier",
                "DecideFunction", "decide",
                "FinalizeFunction", "finalize",
                "RecordApprovalTokenFunction", "recordApprovalToken",
                "CleanupFunction", "cleanup"));
        assertThat(Set.copyOf(selected.values())).as("@Funq functions of " + FUNCTIONS_ZIP)
                .isSubsetOf(exported.keySet());
    }

    /** The gate's package holds runGate and the sandbox, and none of the engine: no store, no ladder, no AWS client. */
    @Test
    void theGatePackageHoldsTheSandboxAndNothingOfTheEngine() {
        LambdaPackage gate = pkg(GATE_ZIP);
        assertThat(gate.funqyFunctions()).containsOnlyKeys("runGate");
        assertThat(gate.containsClass("io.escalator.sandbox.ChildJvmTestSandbox")).isTrue();
        assertThat(List.of("io.escalator.engine.RunService", "io.escalator.store.RunStore",
                "io.escalator.ladder.LadderLoader", "software.amazon.awssdk.core.SdkClient"))
                .noneMatch(gate::containsClass);
    }

    private static String codeUri(String id, JsonNode function) {
        return text(function.path("CodeUri"), id + ".CodeUri");
    }

    private static String text(JsonNode node, String what) {
        if (!node.isTextual()) {
            fail(what + " should be a relative path in template.yaml, is " + node);
        }
        return node.asText();
    }

    private static synchronized LambdaPackage pkg(String relative) {
        Path zip = Repository.builtFile(relative, BUILD_HINT);
        return PACKAGES.computeIfAbsent(zip, LambdaPackage::read);
    }
}
