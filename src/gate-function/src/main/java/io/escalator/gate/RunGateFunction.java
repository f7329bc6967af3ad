package io.escalator.gate;

import io.escalator.sandbox.JavaTestResult;
import io.escalator.sandbox.JavaTestRun;
import io.escalator.sandbox.TestSandbox;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The test gate as a Lambda function, invoked synchronously by the tier executor: generated tests run here, in a
 * function whose role grants nothing, so whatever they do cannot reach an AWS resource.
 */
@ApplicationScoped
public class RunGateFunction {

    private final TestSandbox sandbox;

    public RunGateFunction(TestSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Funq("runGate")
    public JavaTestResult run(JavaTestRun run) {
        return sandbox.run(GateInput.validated(run));
    }
}
