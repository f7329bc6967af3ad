package io.escalator.functions;

import io.escalator.aws.StepFunctionsCallbacks;
import io.escalator.config.EscalatorConfig;
import io.escalator.engine.DecideStep;
import io.escalator.engine.EstimateStep;
import io.escalator.engine.ExecuteTierStep;
import io.escalator.engine.ExecuteTierStep.ExecuteResult;
import io.escalator.engine.FinalizeStep;
import io.escalator.store.CallbackKind;
import io.escalator.store.RunNotFoundException;
import io.escalator.store.RunStore;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A run's steps as Lambda functions, chained by the state machine {@code infra/statemachine/escalation.asl.json}.
 * Each takes and returns a small JSON document (never a run's history) and hands the work to the engine's step.
 */
@ApplicationScoped
@LambdaBoundary
public class RunStepFunctions {

    private final EstimateStep estimateStep;
    private final ExecuteTierStep executeTierStep;
    private final DecideStep decideStep;
    private final FinalizeStep finalizeStep;
    private final StepFunctionsCallbacks callbacks;
    private final RunStore store;
    private final EscalatorConfig config;

    public RunStepFunctions(EstimateStep estimateStep, ExecuteTierStep executeTierStep, DecideStep decideStep,
                            FinalizeStep finalizeStep, StepFunctionsCallbacks callbacks, RunStore store,
                            EscalatorConfig config) {
        this.estimateStep = estimateStep;
        this.executeTierStep = executeTierStep;
        this.decideStep = decideStep;
        this.finalizeStep = finalizeStep;
        this.callbacks = callbacks;
        this.store = store;
        this.config = config;
    }

    @Funq
    public EstimateOutput estimate(RunStepInput input) {
        return EstimateOutput.of(estimateStep.estimate(input.runId()), config.approval().deadline());
    }

    @Funq
    public ExecuteResult executeTier(RunStepInput input) {
        return executeTierStep.execute(input.runId());
    }

    @Funq
    public DecideOutput decide(RunStepInput input) {
        return DecideOutput.of(decideStep.decide(input.runId()), config.approval().deadline());
    }

    /** Named {@code finalize} for the state machine; a Java method of that name would override Object.finalize. */
    @Funq("finalize")
    public FinalizeOutput finalizeRun(FinalizeInput input) {
        FinalizeStep.FinalizeResult result = finalizeStep.finalizeRun(input.runId(), input.failureReason());
        return FinalizeOutput.of(result, config.stepFunctions().humanReviewTimeout());
    }

    /**
     * The state machine waits on a callback: keep its task token on the run. A decision already made for this wait (an
     * approval, or a person's resolution of a run that needs one) answers it at once.
     */
    @Funq
    public ApprovalTokenOutput recordApprovalToken(ApprovalTokenInput input) {
        store.findRun(input.runId()).orElseThrow(() -> new RunNotFoundException(input.runId()));
        CallbackKind kind = input.callbackKind();
        callbacks.tokenIssued(input.runId(), kind, input.taskToken());
        return new ApprovalTokenOutput(input.runId(), kind);
    }
}
