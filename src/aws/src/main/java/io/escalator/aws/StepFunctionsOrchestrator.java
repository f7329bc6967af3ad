package io.escalator.aws;

import io.escalator.config.EscalatorConfig;
import io.escalator.engine.RunOrchestrator;
import io.escalator.run.Resolution;
import io.escalator.support.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Runs driven by the Step Functions state machine: a stored run starts an execution named after the run (so a
 * repeated start cannot make a second one), and an approval answers the execution's callback.
 */
@ApplicationScoped
@Typed(StepFunctionsOrchestrator.class)
public class StepFunctionsOrchestrator implements RunOrchestrator {

    private final SfnClient sfn;
    private final StepFunctionsCallbacks callbacks;
    private final String stateMachineArn;

    @Inject
    public StepFunctionsOrchestrator(SfnClient sfn, StepFunctionsCallbacks callbacks, EscalatorConfig config) {
        this(sfn, callbacks, config.stepFunctions().stateMachineArn().orElseThrow(() -> new IllegalStateException(
                "escalator.orchestrator is step-functions but escalator.step-functions.state-machine-arn is not set")));
    }

    public StepFunctionsOrchestrator(SfnClient sfn, StepFunctionsCallbacks callbacks, String stateMachineArn) {
        this.sfn = sfn;
        this.callbacks = callbacks;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public void start(String runId) {
        try {
            sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name(runId)
                    .input(Json.write(Map.of("runId", runId))));
        } catch (ExecutionAlreadyExistsException alreadyStarted) {
            // the run's execution exists: starting it again is a no-op
        }
    }

    @Override
    public void approvalDecided(String runId, boolean approved) {
        callbacks.approvalDecided(runId, approved);
    }

    @Override
    public void humanResolved(String runId, Resolution.Action action) {
        callbacks.humanResolved(runId, action);
    }
}
