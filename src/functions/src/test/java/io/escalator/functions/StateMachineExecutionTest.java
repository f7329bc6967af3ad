package io.escalator.functions;

import static io.escalator.functions.FunctionsTestEnvironment.CAPABLE;
import static io.escalator.functions.FunctionsTestEnvironment.CHEAP;
import static io.escalator.functions.FunctionsTestEnvironment.PREMIUM;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.engine.ApprovalService;
import io.escalator.engine.RunService;
import io.escalator.engine.Steps;
import io.escalator.functions.FunctionDispatcher.LambdaFault;
import io.escalator.functions.FunctionDispatcher.TaskError;
import io.escalator.functions.StateMachineInterpreter.Execution;
import io.escalator.local.LocalDriver;
import io.escalator.run.Run;
import io.escalator.run.RunSpec;
import io.escalator.run.RunStatus;
import io.escalator.store.CallbackKind;
import io.escalator.store.RunStore;
import io.escalator.support.Json;
import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The state machine, executed by an independent interpreter against the real functions, takes the same path as the
 * local driver: for each scenario, one run goes through the state machine and an identical run (same request, same
 * scripted models) through {@link LocalDriver}, and the Task states the execution entered must be exactly the steps
 * the driver started. Each scenario prints the execution's state transitions and what they cost on Step Functions
 * Standard.
 */
@QuarkusTest
@WithTestResource(FunctionsTestEnvironment.class)
class StateMachineExecutionTest {

    private static final String QUESTION = "What is 6 times 7?";
    /** Two attempts on cheap, two on capable, one on premium, each an ExecuteTier and a Decide; then a person. */
    private static final String[] FULL_CLIMB = {Steps.ESTIMATE,
            Steps.EXECUTE_TIER, Steps.DECIDE, Steps.EXECUTE_TIER, Steps.DECIDE,
            Steps.EXECUTE_TIER, Steps.DECIDE, Steps.EXECUTE_TIER, Steps.DECIDE,
            Steps.EXECUTE_TIER, Steps.DECIDE,
            Steps.FINALIZE, Steps.WAIT_FOR_HUMAN};
    private static final String REVIEWER_VERDICT = "{\"confidence\": 0.2, \"assessment\": \"the answer looks wrong\"}";

    ScriptedOpenAiServer models;
    StepFunctionsApiStub stepFunctionsApi;

    @Inject
    RunStepFunctions functions;
    @Inject
    RunService runs;
    @Inject
    RunStore store;
    @Inject
    LocalDriver localDriver;
    @Inject
    ApprovalService approvals;
    @Inject
    RecordedSteps recordedSteps;

    private FunctionDispatcher dispatcher;
    private StateMachineInterpreter stateMachine;

    @BeforeAll
    static void toolsAreInstalled() {
        StateMachineInterpreter.requireTools();
    }

    @BeforeEach
    void startLambda() {
        models.reset();
        dispatcher = FunctionDispatcher.start(functions);
        stateMachine = new StateMachineInterpreter(dispatcher);
    }

    @AfterEach
    void stopLambda() {
        dispatcher.close();
    }

    @Test
    void aRunTheCheapTierGetsRightSucceedsOnTheSamePath() {
        Comparison run = runBothWays(RunRequests.prompt(QUESTION), () -> models.script(CHEAP, Reply.text("42")));

        run.assertSamePath(Steps.ESTIMATE, Steps.EXECUTE_TIER, Steps.DECIDE, Steps.FINALIZE);
        assertBothEnded(run, RunStatus.SUCCEEDED);
        assertThat(run.execution().status()).isEqualTo("SUCCEEDED");
        report("success on the cheap tier", run.execution());
    }

    @Test
    void aRunEscalatedOnceSucceedsOnTheCapableTierOnTheSamePath() {
        Comparison run = runBothWays(RunRequests.prompt(QUESTION), () -> {
            models.script(CHEAP, Reply.text("41"));
            models.script(CAPABLE, Reply.text("42"));
        });

        run.assertSamePath(Steps.ESTIMATE, Steps.EXECUTE_TIER, Steps.DECIDE, Steps.EXECUTE_TIER, Steps.DECIDE,
                Steps.EXECUTE_TIER, Steps.DECIDE, Steps.FINALIZE);
        assertBothEnded(run, RunStatus.SUCCEEDED);
        assertThat(models.callCount(PREMIUM)).isZero();
        report("one escalation (cheap x2, capable)", run.execution());
    }

    @Test
    void aRunEveryTierGetsWrongWaitsForAPersonOnTheSamePath() {
        dispatcher.answerCallbacks(CallbackKind.HUMAN, (runId, token) -> "{\"runId\": \"" + runId + "\", \"reviewed\": true}");

        Comparison run = runBothWays(RunRequests.prompt(QUESTION), this::everyTierWrong);

        run.assertSamePath(FULL_CLIMB);
        assertBothEnded(run, RunStatus.NEEDS_HUMAN);
        assertThat(run.execution().status()).isEqualTo("SUCCEEDED");
        assertThat(run.execution().states()).endsWith(Steps.WAIT_FOR_HUMAN, "RunEnded");
        assertThat(store.callbackToken(run.aslRunId(), CallbackKind.HUMAN)).contains("task-token-" + run.aslRunId());
        report("full climb to NEEDS_HUMAN (cheap x2, capable x2, premium)", run.execution());
    }

    @Test
    void nobodyReviewingARunThatNeedsAPersonEndsTheExecutionWithoutFailing() {
        dispatcher.answerCallbacks(CallbackKind.HUMAN, (runId, token) -> {
            // What Step Functions raises when the human review timeout passes, which a test cannot wait for.
            throw new TaskError("States.Timeout", "no answer within the human review timeout");
        });

        Comparison run = runBothWays(RunRequests.prompt(QUESTION), this::everyTierWrong);

        run.assertSamePath(FULL_CLIMB);
        assertBothEnded(run, RunStatus.NEEDS_HUMAN);
        assertThat(run.execution().status()).isEqualTo("SUCCEEDED");
        assertThat(run.execution().states()).endsWith(Steps.WAIT_FOR_HUMAN, "HumanReviewTimedOut");
    }

    @Test
    void anApprovedRunWaitsForTheCallbackThenRunsOnTheSamePath() {
        dispatcher.answerCallbacks(CallbackKind.APPROVAL, (runId, token) -> decideApproval(runId, token, true));

        Comparison run = runBothWays(RunRequests.needingApproval(QUESTION), () -> models.script(CHEAP, Reply.text("42")),
                true);

        run.assertSamePath(Steps.ESTIMATE, Steps.WAIT_FOR_APPROVAL, Steps.EXECUTE_TIER, Steps.DECIDE, Steps.FINALIZE);
        assertBothEnded(run, RunStatus.SUCCEEDED);
        assertThat(store.findRun(run.aslRunId()).orElseThrow().approval().approved()).isTrue();
        assertThat(Json.readTree(stepFunctionsApi.outputSentFor("task-token-" + run.aslRunId()).orElseThrow()))
                .as("the callback's answer")
                .isEqualTo(Json.readTree("{\"runId\": \"" + run.aslRunId() + "\", \"approved\": true}"));
    }

    @Test
    void aRejectedRunIsFinalizedCancelledWithoutAModelCallOnTheSamePath() {
        dispatcher.answerCallbacks(CallbackKind.APPROVAL, (runId, token) -> decideApproval(runId, token, false));

        Comparison run = runBothWays(RunRequests.needingApproval(QUESTION), () -> models.script(CHEAP, Reply.text("42")),
                false);

        run.assertSamePath(Steps.ESTIMATE, Steps.WAIT_FOR_APPROVAL, Steps.FINALIZE);
        assertBothEnded(run, RunStatus.CANCELLED);
        assertThat(run.execution().status()).isEqualTo("SUCCEEDED");
        assertThat(run.aslModelCalls()).isZero();
        assertThat(store.findRun(run.aslRunId()).orElseThrow().statusReason()).isEqualTo("approval rejected: too expensive");
        assertThat(store.findRun(run.aslRunId()).orElseThrow().totals()).as("Finalize added the totals").isNotNull();
    }

    @Test
    void anApprovalNobodyGivesInTimeCancelsTheRun() {
        dispatcher.answerCallbacks(CallbackKind.APPROVAL, (runId, token) -> {
            // What Step Functions raises when the approval deadline passes, which a test cannot wait for. The local
            // stack has no such step (its retention job cancels overdue approvals), so there is no path to compare.
            throw new TaskError("States.Timeout", "no answer within the approval deadline");
        });
        models.script(CHEAP, Reply.text("42"));
        String runId = runs.create(RunRequests.needingApproval(QUESTION)).id();

        Execution execution = stateMachine.execute(runId);

        assertThat(execution.steps()).containsExactly(Steps.ESTIMATE, Steps.WAIT_FOR_APPROVAL, Steps.FINALIZE);
        Run cancelled = store.findRun(runId).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.statusReason())
                .isEqualTo("approval was not given: States.Timeout: no answer within the approval deadline");
        assertThat(models.totalCalls()).isZero();
    }

    @Test
    void lambdaServiceFaultsAreRetriedWithoutRepeatingAModelCallOnTheSamePath() {
        // The first call of ExecuteTier fails before the function runs, the second after it ran (its answer lost).
        dispatcher.failNextCalls("executeTier", LambdaFault.BEFORE_INVOCATION, LambdaFault.AFTER_INVOCATION);

        Comparison run = runBothWays(RunRequests.prompt(QUESTION), () -> models.script(CHEAP, Reply.text("42")));

        run.assertSamePath(Steps.ESTIMATE, Steps.EXECUTE_TIER, Steps.DECIDE, Steps.FINALIZE);
        assertBothEnded(run, RunStatus.SUCCEEDED);
        assertThat(run.execution().retries()).isEqualTo(2);
        assertThat(dispatcher.invocationsOf("executeTier")).as("the function ran on the 2nd and 3rd call").isEqualTo(2);
        assertThat(run.aslModelCalls()).as("the repeated ExecuteTier called no model again").isEqualTo(1);
        assertThat(store.findRun(run.aslRunId()).orElseThrow().spentCost())
                .isEqualByComparingTo(store.findRun(run.localRunId()).orElseThrow().spentCost());
        report("success on the cheap tier, ExecuteTier retried twice", run.execution());
    }

    @Test
    void anErrorFromFunctionCodeIsCaughtAndFinalizesTheRunFailedOnTheSamePath() {
        RunSpec spec = RunRequests.prompt("What is 6 times 7? " + MarkerRefusingChatModels.MARKER);

        Comparison run = runBothWays(spec, () -> models.script(CHEAP, Reply.text("42")));

        run.assertSamePath(Steps.ESTIMATE, Steps.EXECUTE_TIER, Steps.FINALIZE);
        assertBothEnded(run, RunStatus.FAILED);
        assertThat(run.execution().status()).isEqualTo("FAILED");
        assertThat(run.execution().errorName()).isEqualTo("Escalation.RunFailed");
        assertThat(run.execution().retries()).as("an error that is not transient is not retried").isZero();
        String refused = "the model client refused a prompt containing " + MarkerRefusingChatModels.MARKER;
        assertThat(store.findRun(run.aslRunId()).orElseThrow().statusReason())
                .isEqualTo(IllegalStateException.class.getName() + ": " + refused);
        assertThat(store.findRun(run.localRunId()).orElseThrow().statusReason()).contains(refused);
    }

    private void everyTierWrong() {
        models.script(CHEAP, Reply.text("41"));
        models.script(CAPABLE, Reply.text("43"));
        models.script(PREMIUM, request -> request.messages().getFirst().content().contains("reviewer")
                ? Reply.text(REVIEWER_VERDICT) : Reply.text("44"));
    }

    /** A person decides through the engine, whose orchestrator answers the callback: the answer is what it sent. */
    private String decideApproval(String runId, String taskToken, boolean approve) {
        approvals.decide(runId, approve, approve ? "go ahead" : "too expensive");
        return stepFunctionsApi.outputSentFor(taskToken).orElseThrow(() -> new AssertionError(
                "the approval did not answer the state machine's callback " + taskToken));
    }

    /** {@link #runBothWays(RunSpec, Runnable, boolean)} for a run that must not wait for approval. */
    private Comparison runBothWays(RunSpec spec, Runnable scriptModels) {
        Comparison run = runBothWays(spec, scriptModels, false);
        assertThat(run.localSteps()).doesNotContain(Steps.WAIT_FOR_APPROVAL);
        return run;
    }

    /**
     * One run through the state machine, then an identical one through the local driver, each with the models freshly
     * scripted. {@code approve}: the person's decision if the local run waits for approval (the state machine's run
     * gets it from the APPROVAL callback its test set up).
     */
    private Comparison runBothWays(RunSpec spec, Runnable scriptModels, boolean approve) {
        models.reset();
        scriptModels.run();
        String aslRunId = runs.create(spec).id();
        Execution execution = stateMachine.execute(aslRunId);
        int aslModelCalls = models.totalCalls();

        models.reset();
        scriptModels.run();
        String localRunId = runs.create(spec).id();
        RunStatus driven = localDriver.drive(localRunId);
        if (driven == RunStatus.AWAITING_APPROVAL) {
            approvals.decide(localRunId, approve, approve ? "go ahead" : "too expensive");
            localDriver.drive(localRunId);
        }
        return new Comparison(execution, aslRunId, aslModelCalls, recordedSteps.of(localRunId), localRunId,
                models.totalCalls());
    }

    private void assertBothEnded(Comparison run, RunStatus status) {
        assertThat(store.findRun(run.aslRunId()).orElseThrow().status()).as("the state machine's run").isEqualTo(status);
        assertThat(store.findRun(run.localRunId()).orElseThrow().status()).as("the local driver's run").isEqualTo(status);
    }

    private static void report(String scenario, Execution execution) {
        System.out.printf("[state machine] %-58s %3d state transitions (%d states entered, %d retries): $%s per run"
                        + " on Step Functions Standard ($0.025 per 1,000)%n", scenario, execution.transitions(),
                execution.states().size(), execution.retries(), execution.costPerRun().toPlainString());
    }

    private record Comparison(Execution execution, String aslRunId, int aslModelCalls, List<String> localSteps,
                              String localRunId, int localModelCalls) {

        void assertSamePath(String... expected) {
            assertThat(execution.steps()).as("the state machine's Task states, then the local driver's steps; "
                            + "the execution: %s, %s, states %s; diagnostics:%n%s", execution.status(), execution.error(),
                    execution.states(), execution.diagnostics()).containsExactlyElementsOf(localSteps);
            assertThat(localSteps).containsExactly(expected);
            assertThat(aslModelCalls).as("model calls, state machine vs local driver").isEqualTo(localModelCalls);
        }

    }
}
