package io.escalator.sandbox;

/**
 * Runs generated tests against a class, isolated from the engine: in a child JVM locally, in its own permission-less
 * Lambda in AWS. Implementations never throw for what the tests or the class do (that is in the result); they throw
 * only when the sandbox itself cannot work.
 */
public interface TestSandbox {

    JavaTestResult run(JavaTestRun run);
}
