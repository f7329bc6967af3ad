package io.escalator.sandbox;

import java.util.Set;
import java.util.stream.Collectors;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;

/**
 * Counts assertions on the test source's syntax tree: JUnit's {@code assert*} and {@code fail}, AssertJ's
 * {@code assertThat*} entry points (a chain {@code assertThat(x).isA().isB()} is one), Hamcrest's
 * {@code assertThat}. {@code assertAll} only groups assertions, so it is not one itself; the ones inside it count.
 * Calls to the test class's own helper methods do not count (the assertions inside those do, once).
 */
final class AssertionCounter {

    private static final Set<String> TEST_ANNOTATIONS = Set.of("Test", "ParameterizedTest", "RepeatedTest",
            "TestFactory", "TestTemplate");

    /** Classes whose static methods are assertions, by simple name. */
    private static final Set<String> ASSERTION_CLASSES = Set.of("Assertions", "Assert", "MatcherAssert",
            "AssertionsForClassTypes", "AssertionsForInterfaceTypes", "BDDAssertions", "Fail");

    private AssertionCounter() {
    }

    record Count(int assertions, int testMethods) {

        double perTest() {
            return testMethods == 0 ? 0 : (double) assertions / testMethods;
        }
    }

    static Count count(CompilationUnit tests) {
        Set<String> ownMethods = tests.findAll(MethodDeclaration.class).stream()
                .map(MethodDeclaration::getNameAsString)
                .collect(Collectors.toSet());
        int testMethods = (int) tests.findAll(MethodDeclaration.class).stream()
                .filter(method -> method.getAnnotations().stream()
                        .anyMatch(annotation -> TEST_ANNOTATIONS.contains(simpleName(annotation.getNameAsString()))))
                .count();
        int assertions = (int) tests.findAll(MethodCallExpr.class).stream()
                .filter(call -> isAssertion(call, ownMethods))
                .count();
        return new Count(assertions, testMethods);
    }

    private static boolean isAssertion(MethodCallExpr call, Set<String> ownMethods) {
        String name = call.getNameAsString();
        boolean assertionName = name.equals("fail") || (name.startsWith("assert") && !name.equals("assertAll")
                && name.length() > "assert".length() && Character.isUpperCase(name.charAt("assert".length())));
        if (!assertionName) {
            return false;
        }
        return call.getScope()
                .map(scope -> ASSERTION_CLASSES.contains(simpleName(scope.toString())))
                .orElse(!ownMethods.contains(name));
    }

    private static String simpleName(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
