package io.escalator.functions;

import static io.escalator.functions.FunctionsTestEnvironment.CAPABLE;
import static io.escalator.functions.FunctionsTestEnvironment.CHEAP;
import static io.escalator.functions.FunctionsTestEnvironment.CHEAP_INPUT_PRICE;
import static io.escalator.functions.FunctionsTestEnvironment.CHEAP_OUTPUT_PRICE;
import static io.escalator.functions.FunctionsTestEnvironment.PREMIUM;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.config.EscalatorConfig;
import io.escalator.engine.ApprovalService;
import io.escalator.engine.ResolutionService;
import io.escalator.engine.RunService;
import io.escalator.engine.Steps;
import io.escalator.functions.FunctionDispatcher.LambdaFault;
import io.escalator.functions.FunctionDispatcher.TaskError;
import io.escalator.functions.StateMachineInterpreter.Execution;
import io.escalator.local.LocalDriver;
import io.escalator.run.Item;
import io.escalator.run.ItemStatus;
import io.escalator.run.PendingApproval;
import io.escalator.run.Resolution;
import io.escalator.run.Run;
import io.escalator.run.RunSnapshot;
import io.escalator.run.RunSpec;
import io.escalator.run.RunStatus;
import io.escalator.store.CallbackKind;
import io.escalator.store.RunStore;
import io.escalator.support.Json;
import io.escalator.testing.RecordedRequest;
import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The state machine, executed by an independent interpreter against the real functions, takes the same path as the
 * local driver: for each scenario, one run goes through the state machine and an identical run (same request, same
 * scripted models, same answers from the person) through {@link LocalDriver}, and the Task states the execution
 * entered must be exactly the steps the driver started. Each scenario prints the execution's state transitions and
 * what they cost on Step Functions Standard.
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
    /** Two attempts on cheap, then the escalation to capable waits for a person. */
    private static final String[] CHEAP_TWICE_THEN_ASK = {Steps.ESTIMATE,
            Steps.EXECUTE_TIER, Steps.DECIDE, Steps.EXECUTE_TIER, Steps.DECIDE, Steps.WAIT_FOR_APPROVAL};
    private static final String REVIEWER_VERDICT = "{\"confidence\": 0.2, \"assessment\": \"the answer looks wrong\"}";
    private static final String CONFIDENT_REVIEWER_VERDICT = "{\"confidence\": 0.95, \"assessment\": \"the answer is right\"}";

    /**
     * The cheap tier's answers in the progressive approval scenarios report a long prompt, so its two attempts cost a
     * known amount that dwarfs any estimate of this one-item run: 200,000 input tokens and 1 output token at $0.10 /
     * $0.40 per million, $0.0200004 an attempt.
     */
    private static final int LONG_PROMPT_TOKENS = 200_000;
    private static final int SHORT_ANSWER_TOKENS = 1;
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

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
    ResolutionService resolutions;
    @Inject
    RecordedSteps recordedSteps;
    @Inject
    EscalatorConfig config;

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
    void aRunEveryTierGetsWrongWaitsForAPersonWhoAcceptsThePartialResultOnTheSamePath() {
        Comparison run = runBothWays(RunRequests.prompt(QUESTION), this::everyTierWrong,
                Person.resolving(Resolution.Action.ACCEPT_PARTIAL));

        run.assertSamePath(FULL_CLIMB);
        assertBothEnded(run, RunStatus.NEEDS_HUMAN);
        assertThat(run.execution().status()).isEqualTo("SUCCEEDED");
        assertThat(run.execution().states()).endsWith(Steps.WAIT_FOR_HUMAN, "IsRetriedOnTheTopTier", "RunEnded");
        Run accepted = store.findRun(run.aslRunId()).orElseThrow();
        assertThat(accepted.resolution().action()).isEqualTo(Resolution.Action.ACCEPT_PARTIAL);
        assertThat(accepted.statusReason()).endsWith("the partial result was accepted: accept-partial");
        assertThat(store.load(run.aslRunId()).items()).extracting(Item::status).containsExactly(ItemStatus.NEEDS_HUMAN);
        assertThat(run.execution().history()).as("the execution's history, every state's input and output")
                .contains(run.aslRunId()).doesNotContain("sk-test-cheap", "sk-test-capable", "sk-test-premium");
        assertThat(run.aslCalls(PREMIUM)).as("no attempt after the person accepted").isEqualTo(3);
        String token = store.callbackToken(run.aslRunId(), CallbackKind.HUMAN).orElseThrow();
        assertThat(token).startsWith(StateMachineInterpreter.taskTokenPrefix(run.aslRunId()));
        assertThat(Json.readTree(stepFunctionsApi.outputSentFor(token).orElseThrow())).as("the callback's answer")
                .isEqualTo(Json.readTree("{\"runId\": \"" + run.aslRunId() + "\", \"action\": \"accept-partial\"}"));
        report("full climb to NEEDS_HUMAN (cheap x2, capable x2, premium)", run.execution());
    }

    @Test
    void aPersonRetryingOnTheTopTierRunsTheRunOnUntilThePremiumTierSucceedsOnTheSamePath() {
        Comparison run = runBothWays(RunRequests.prompt(QUESTION), this::everyTierWrongUntilPremiumRetries,
                Person.resolving(Resolution.Action.RETRY_TOP_TIER));

        List<String> path = new ArrayList<>(List.of(FULL_CLIMB));
        path.addAll(List.of(Steps.EXECUTE_TIER, Steps.DECIDE, Steps.FINALIZE));
        run.assertSamePath(path.toArray(String[]::new));
        assertBothEnded(run, RunStatus.SUCCEEDED);
        assertThat(run.execution().status()).isEqualTo("SUCCEEDED");
        assertThat(run.execution().states()).containsSubsequence(Steps.WAIT_FOR_HUMAN, "IsRetriedOnTheTopTier",
                Steps.EXECUTE_TIER).endsWith(Steps.FINALIZE, "RunOutcome", "RunEnded");
        assertThat(run.aslCalls(PREMIUM)).as("two premium attempts of three calls (analyzer, generator, reviewer)")
                .isEqualTo(6);
        Run retried = store.findRun(run.aslRunId()).orElseThrow();
        assertThat(retried.resolution().action()).isEqualTo(Resolution.Action.RETRY_TOP_TIER);
        assertThat(store.load(run.aslRunId()).items()).extracting(Item::status).containsExactly(ItemStatus.SUCCEEDED);
        assertThat(store.load(run.aslRunId()).attempts()).hasSize(6);
        report("full climb, person retries the top tier, premium succeeds", run.execution());
    }

    @Test
    void aRunStillWrongAfterARetryOnTheTopTierWaitsForAPersonAgainOnTheSamePath() {
        Comparison run = runBothWays(RunRequests.prompt(QUESTION), this::everyTierWrong,
                Person.resolving(Resolution.Action.RETRY_TOP_TIER, Resolution.Action.ACCEPT_PARTIAL));

        List<String> path = new ArrayList<>(List.of(FULL_CLIMB));
        path.addAll(List.of(Steps.EXECUTE_TIER, Steps.DECIDE, Steps.FINALIZE, Steps.WAIT_FOR_HUMAN));
        run.assertSamePath(path.toArray(String[]::new));
        assertBothEnded(run, RunStatus.NEEDS_HUMAN);
        assertThat(run.execution().status()).isEqualTo("SUCCEEDED");
        assertThat(run.execution().states()).endsWith(Steps.WAIT_FOR_HUMAN, "IsRetriedOnTheTopTier", "RunEnded");
        assertThat(store.findRun(run.aslRunId()).orElseThrow().resolution().action())
                .as("the second wait's resolution, not the retry").isEqualTo(Resolution.Action.ACCEPT_PARTIAL);
        assertThat(stepFunctionsApi.taskSuccesses()).filteredOn(success -> success.taskToken()
                        .startsWith(StateMachineInterpreter.taskTokenPrefix(run.aslRunId())))
                .as("one answer per wait, each on its own token")
                .extracting(success -> Json.readTree(success.output()).path("action").asText())
                .containsExactly("retry-top-tier", "accept-partial");
    }

    @Test
    void aPersonAbortingARunThatNeedsOneEndsTheExecutionWithTheRunCancelledOnTheSamePath() {
        Comparison run = runBothWays(RunRequests.prompt(QUESTION), this::everyTierWrong,
                Person.resolving(Resolution.Action.ABORT));

        run.assertSamePath(FULL_CLIMB);
        assertBothEnded(run, RunStatus.CANCELLED);
        assertThat(run.execution().status()).isEqualTo("SUCCEEDED");
        assertThat(run.execution().states()).endsWith(Steps.WAIT_FOR_HUMAN, "IsRetriedOnTheTopTier", "RunEnded");
        Run aborted = store.findRun(run.aslRunId()).orElseThrow();
        assertThat(aborted.statusReason()).isEqualTo("aborted by a person: abort");
        assertThat(aborted.totals()).as("the totals Finalize stored before the person was asked").isNotNull();
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
        assertThat(store.findRun(run.aslRunId()).orElseThrow().resolution()).isNull();
    }

    @Test
    void anApprovedRunWaitsForTheCallbackThenRunsOnTheSamePath() {
        Comparison run = runBothWays(RunRequests.needingApproval(QUESTION), () -> models.script(CHEAP, Reply.text("42")),
                Person.approving(true));

        run.assertSamePath(Steps.ESTIMATE, Steps.WAIT_FOR_APPROVAL, Steps.EXECUTE_TIER, Steps.DECIDE, Steps.FINALIZE);
        assertBothEnded(run, RunStatus.SUCCEEDED);
        Run approved = store.findRun(run.aslRunId()).orElseThrow();
        assertThat(approved.approval().approved()).isTrue();
        assertThat(run.aslApprovalRequests()).extracting(waiting -> waiting.run().approval().pending().kind())
                .containsExactly(PendingApproval.Kind.RUN);
        String token = store.callbackToken(run.aslRunId(), CallbackKind.APPROVAL).orElseThrow();
        assertThat(Json.readTree(stepFunctionsApi.outputSentFor(token).orElseThrow()))
                .as("the callback's answer")
                .isEqualTo(Json.readTree("{\"runId\": \"" + run.aslRunId() + "\", \"approved\": true}"));
    }

    @Test
    void aRejectedRunIsFinalizedCancelledWithoutAModelCallOnTheSamePath() {
        Comparison run = runBothWays(RunRequests.needingApproval(QUESTION), () -> models.script(CHEAP, Reply.text("42")),
                Person.approving(false));

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
    void anEscalationPastTheApprovalLineWaitsForAPersonThenSucceedsOnTheCapableTierOnTheSamePath() {
        BigDecimal line = lineBetweenTwoCheapAttemptsAndTheEscalation();

        Comparison run = runBothWays(RunRequests.withApprovalLine(QUESTION, line), this::cheapWrongAtLengthCapableRight,
                Person.approving(true));

        List<String> path = new ArrayList<>(List.of(CHEAP_TWICE_THEN_ASK));
        path.addAll(List.of(Steps.EXECUTE_TIER, Steps.DECIDE, Steps.FINALIZE));
        run.assertSamePath(path.toArray(String[]::new));
        assertBothEnded(run, RunStatus.SUCCEEDED);
        assertThat(run.execution().status()).isEqualTo("SUCCEEDED");
        assertThat(run.execution().states()).containsSubsequence(Steps.DECIDE, "HasOpenItems", Steps.WAIT_FOR_APPROVAL,
                "IsApproved", Steps.EXECUTE_TIER);
        assertWaitedForTheEscalationToCapable(run.aslApprovalRequests(), line);
        assertWaitedForTheEscalationToCapable(run.localApprovalRequests(), line);
        assertThat(run.aslCalls(CAPABLE)).isEqualTo(1);
        Run approved = store.findRun(run.aslRunId()).orElseThrow();
        assertThat(approved.approval().approvedUpTo()).as("what the person approved is the run's new line")
                .isEqualByComparingTo(run.aslApprovalRequests().getFirst().run().approval().pending().projectedTotal());
        assertThat(approved.approval().pending()).isNull();
        assertThat(Json.readTree(stepFunctionsApi.outputSentFor(
                store.callbackToken(run.aslRunId(), CallbackKind.APPROVAL).orElseThrow()).orElseThrow()))
                .isEqualTo(Json.readTree("{\"runId\": \"" + run.aslRunId() + "\", \"approved\": true}"));
        report("progressive approval (cheap x2, escalation approved, capable)", run.execution());
    }

    @Test
    void aDecideRetriedAfterItStartedTheWaitForApprovalStillWaitsOnTheSamePath() {
        // The second Decide runs, starts the wait for approval of the escalation, and its answer is lost: the retried
        // Decide finds the run already waiting, and must say so, not finalize (which would cancel the run).
        dispatcher.failNextCalls("decide", LambdaFault.NONE, LambdaFault.AFTER_INVOCATION);
        BigDecimal line = lineBetweenTwoCheapAttemptsAndTheEscalation();

        Comparison run = runBothWays(RunRequests.withApprovalLine(QUESTION, line), this::cheapWrongAtLengthCapableRight,
                Person.approving(true));

        List<String> path = new ArrayList<>(List.of(CHEAP_TWICE_THEN_ASK));
        path.addAll(List.of(Steps.EXECUTE_TIER, Steps.DECIDE, Steps.FINALIZE));
        run.assertSamePath(path.toArray(String[]::new));
        assertBothEnded(run, RunStatus.SUCCEEDED);
        assertThat(run.execution().retries()).isEqualTo(1);
        assertThat(dispatcher.invocationsOf("decide")).as("the second Decide ran twice").isEqualTo(4);
        assertWaitedForTheEscalationToCapable(run.aslApprovalRequests(), line);
    }

    @Test
    void aRejectedEscalationCancelsTheRunWithoutACapableCallOnTheSamePath() {
        BigDecimal line = lineBetweenTwoCheapAttemptsAndTheEscalation();

        Comparison run = runBothWays(RunRequests.withApprovalLine(QUESTION, line), this::cheapWrongAtLengthCapableRight,
                Person.approving(false));

        List<String> path = new ArrayList<>(List.of(CHEAP_TWICE_THEN_ASK));
        path.add(Steps.FINALIZE);
        run.assertSamePath(path.toArray(String[]::new));
        assertBothEnded(run, RunStatus.CANCELLED);
        assertThat(run.execution().status()).isEqualTo("SUCCEEDED");
        assertThat(run.execution().states()).endsWith("IsApproved", Steps.FINALIZE, "RunOutcome", "RunEnded");
        assertWaitedForTheEscalationToCapable(run.aslApprovalRequests(), line);
        assertThat(run.aslCalls(CAPABLE)).isZero();
        assertThat(run.localCalls(CAPABLE)).isZero();
        Run cancelled = store.findRun(run.aslRunId()).orElseThrow();
        assertThat(cancelled.statusReason()).isEqualTo("escalation rejected: too expensive");
        assertThat(cancelled.totals()).as("Finalize added the totals").isNotNull();
        assertThat(cancelled.spentCost()).isEqualByComparingTo(twoLongCheapAttempts());
        assertThat(store.load(run.aslRunId()).items()).extracting(Item::status).containsExactly(ItemStatus.CANCELLED);
    }

    @Test
    void aRunApprovedUpfrontAsksAgainForAnEscalationPastWhatWasApprovedOnTheSamePath() {
        // The person approves the whole run's estimate; two long cheap attempts then cost more than that, so the
        // escalation to capable passes the approved amount and waits for a second approval, on a new task token.
        Comparison run = runBothWays(RunRequests.needingApproval(QUESTION), this::cheapWrongAtLengthCapableRight,
                Person.approving(true, true));

        run.assertSamePath(Steps.ESTIMATE, Steps.WAIT_FOR_APPROVAL,
                Steps.EXECUTE_TIER, Steps.DECIDE, Steps.EXECUTE_TIER, Steps.DECIDE, Steps.WAIT_FOR_APPROVAL,
                Steps.EXECUTE_TIER, Steps.DECIDE, Steps.FINALIZE);
        assertBothEnded(run, RunStatus.SUCCEEDED);
        assertThat(run.aslApprovalRequests()).extracting(waiting -> waiting.run().approval().pending().kind())
                .containsExactly(PendingApproval.Kind.RUN, PendingApproval.Kind.ESCALATION);
        assertThat(run.aslApprovalTokens()).as("each wait has its own task token").doesNotHaveDuplicates().hasSize(2);
        for (String token : run.aslApprovalTokens()) {
            assertThat(Json.readTree(stepFunctionsApi.outputSentFor(token).orElseThrow())).as("the answer to " + token)
                    .isEqualTo(Json.readTree("{\"runId\": \"" + run.aslRunId() + "\", \"approved\": true}"));
        }
        assertThat(stepFunctionsApi.taskSuccesses()).filteredOn(success -> success.taskToken()
                .startsWith(StateMachineInterpreter.taskTokenPrefix(run.aslRunId()))).hasSize(2);
        report("approved upfront, escalation approved again, capable", run.execution());
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
        models.script(PREMIUM, request -> isReviewer(request) ? Reply.text(REVIEWER_VERDICT) : Reply.text("44"));
    }

    /** Every tier wrong, except the premium generator on its second attempt, which the reviewer then trusts. */
    private void everyTierWrongUntilPremiumRetries() {
        models.script(CHEAP, Reply.text("41"));
        models.script(CAPABLE, Reply.text("43"));
        AtomicInteger generations = new AtomicInteger();
        models.script(PREMIUM, request -> {
            if (isReviewer(request)) {
                return Reply.text(request.userText().contains("<answer>\n42\n</answer>")
                        ? CONFIDENT_REVIEWER_VERDICT : REVIEWER_VERDICT);
            }
            if (isGenerator(request)) {
                return Reply.text(generations.incrementAndGet() == 1 ? "44" : "42");
            }
            return Reply.text("the answers so far are off by one or two");
        });
    }

    /** The cheap tier's wrong answers report a long prompt (see {@link #LONG_PROMPT_TOKENS}); capable is right. */
    private void cheapWrongAtLengthCapableRight() {
        models.script(CHEAP, Reply.text("41").withUsage(LONG_PROMPT_TOKENS, SHORT_ANSWER_TOKENS));
        models.script(CAPABLE, Reply.text("42"));
    }

    private static boolean isReviewer(RecordedRequest request) {
        return request.messages().getFirst().content().contains("You are the reviewer");
    }

    private static boolean isGenerator(RecordedRequest request) {
        return request.messages().getFirst().content().contains("You are the generator");
    }

    /** What the cheap tier's two attempts of {@link #cheapWrongAtLengthCapableRight} cost, at the test ladder's prices. */
    private static BigDecimal twoLongCheapAttempts() {
        BigDecimal attempt = CHEAP_INPUT_PRICE.multiply(BigDecimal.valueOf(LONG_PROMPT_TOKENS))
                .add(CHEAP_OUTPUT_PRICE.multiply(BigDecimal.valueOf(SHORT_ANSWER_TOKENS)))
                .divide(MILLION);
        return attempt.multiply(BigDecimal.TWO);
    }

    /**
     * An approval line just above what the cheap tier's two attempts cost (so above the estimate of this one-item run
     * too, which is a small fraction of that): whatever the escalation to capable is expected to add (its figures
     * depend on the output tokens the estimator has learned from earlier runs here) takes the run past it.
     */
    private BigDecimal lineBetweenTwoCheapAttemptsAndTheEscalation() {
        return twoLongCheapAttempts().add(new BigDecimal("0.00000001"));
    }

    private void assertWaitedForTheEscalationToCapable(List<RunSnapshot> requests, BigDecimal line) {
        assertThat(requests).hasSize(1);
        Run waiting = requests.getFirst().run();
        assertThat(waiting.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(waiting.spentCost()).as("spent on the cheap tier").isEqualByComparingTo(twoLongCheapAttempts());
        assertThat(waiting.spentCost()).isLessThan(line);
        PendingApproval pending = waiting.approval().pending();
        assertThat(pending.kind()).isEqualTo(PendingApproval.Kind.ESCALATION);
        assertThat(pending.escalations()).singleElement().satisfies(escalation -> {
            assertThat(escalation.tier()).isEqualTo("capable");
            assertThat(escalation.items()).containsExactly(RunRequests.SINGLE_ITEM);
            assertThat(escalation.additionalCost()).isEqualByComparingTo(pending.additionalCost());
        });
        assertThat(pending.additionalCost()).isPositive();
        assertThat(pending.projectedTotal()).isEqualByComparingTo(waiting.spentCost().add(pending.additionalCost()));
        assertThat(pending.projectedTotal()).isGreaterThan(line);
        assertThat(waiting.approval().approved()).as("no decision yet for this wait").isNull();
        assertThat(requests.getFirst().items()).singleElement().satisfies(item -> {
            assertThat(item.status()).isEqualTo(ItemStatus.OPEN);
            assertThat(item.tierIndex()).as("already on capable, with no attempt there").isEqualTo(1);
        });
    }

    /** A person decides through the engine, whose orchestrator answers the callback: the answer is what it sent. */
    private String decideApproval(String runId, String taskToken, boolean approve) {
        approvals.decide(runId, approve, comment(approve));
        return stepFunctionsApi.outputSentFor(taskToken).orElseThrow(() -> new AssertionError(
                "the approval did not answer the state machine's callback " + taskToken));
    }

    /** A person resolves the run through the engine, whose orchestrator answers the callback: what it sent. */
    private String resolve(String runId, String taskToken, Resolution.Action action) {
        resolutions.resolve(runId, action, action.value());
        return stepFunctionsApi.outputSentFor(taskToken).orElseThrow(() -> new AssertionError(
                "the resolution did not answer the state machine's callback " + taskToken));
    }

    private static String comment(boolean approve) {
        return approve ? "go ahead" : "too expensive";
    }

    /** {@link #runBothWays(RunSpec, Runnable, Person)} for a run nobody answers (the test may set its callbacks). */
    private Comparison runBothWays(RunSpec spec, Runnable scriptModels) {
        Comparison run = runBothWays(spec, scriptModels, Person.NOBODY);
        assertThat(run.localSteps()).doesNotContain(Steps.WAIT_FOR_APPROVAL);
        return run;
    }

    /**
     * One run through the state machine, then an identical one through the local driver, each with the models freshly
     * scripted, and the same person answering each: the state machine's callbacks, and the local run wherever its
     * driver stops to wait. What each run looked like whenever it asked for approval is kept.
     */
    private Comparison runBothWays(RunSpec spec, Runnable scriptModels, Person person) {
        List<RunSnapshot> aslApprovalRequests = new CopyOnWriteArrayList<>();
        List<String> aslApprovalTokens = new CopyOnWriteArrayList<>();
        if (!person.approvals().isEmpty()) {
            Iterator<Boolean> answers = person.approvals().iterator();
            dispatcher.answerCallbacks(CallbackKind.APPROVAL, (runId, token) -> {
                aslApprovalRequests.add(store.load(runId));
                aslApprovalTokens.add(token);
                return decideApproval(runId, token, next(answers, "approval"));
            });
        }
        if (!person.resolutions().isEmpty()) {
            Iterator<Resolution.Action> answers = person.resolutions().iterator();
            dispatcher.answerCallbacks(CallbackKind.HUMAN, (runId, token) -> resolve(runId, token, next(answers, "resolution")));
        }
        models.reset();
        scriptModels.run();
        String aslRunId = runs.create(spec).id();
        Execution execution = stateMachine.execute(aslRunId);
        Map<String, Integer> aslCalls = callsByModel();

        models.reset();
        scriptModels.run();
        String localRunId = runs.create(spec).id();
        List<RunSnapshot> localApprovalRequests = new ArrayList<>();
        Iterator<Boolean> approvalAnswers = person.approvals().iterator();
        Iterator<Resolution.Action> resolutionAnswers = person.resolutions().iterator();
        RunStatus driven = localDriver.drive(localRunId);
        while (true) {
            if (driven == RunStatus.AWAITING_APPROVAL && approvalAnswers.hasNext()) {
                localApprovalRequests.add(store.load(localRunId));
                boolean approve = approvalAnswers.next();
                approvals.decide(localRunId, approve, comment(approve));
                driven = localDriver.drive(localRunId);
            } else if (driven == RunStatus.NEEDS_HUMAN && resolutionAnswers.hasNext()) {
                Resolution.Action action = resolutionAnswers.next();
                resolutions.resolve(localRunId, action, action.value());
                if (action != Resolution.Action.RETRY_TOP_TIER) {
                    break;
                }
                driven = localDriver.drive(localRunId);
            } else {
                break;
            }
        }
        return new Comparison(execution, aslRunId, aslCalls, List.copyOf(aslApprovalRequests),
                List.copyOf(aslApprovalTokens), recordedSteps.of(localRunId), localRunId, callsByModel(),
                localApprovalRequests);
    }

    private static <T> T next(Iterator<T> answers, String what) {
        if (!answers.hasNext()) {
            throw new AssertionError("the state machine asked for one more " + what + " than the test answers");
        }
        return answers.next();
    }

    private Map<String, Integer> callsByModel() {
        return Map.of(CHEAP, models.callCount(CHEAP), CAPABLE, models.callCount(CAPABLE),
                PREMIUM, models.callCount(PREMIUM));
    }

    private void assertBothEnded(Comparison run, RunStatus status) {
        assertThat(store.findRun(run.aslRunId()).orElseThrow().status()).as("the state machine's run").isEqualTo(status);
        assertThat(store.findRun(run.localRunId()).orElseThrow().status()).as("the local driver's run").isEqualTo(status);
    }

    private static void report(String scenario, Execution execution) {
        System.out.printf("[state machine] %-62s %3d state transitions (%d states entered, %d retries): $%s per run"
                        + " on Step Functions Standard ($0.025 per 1,000)%n", scenario, execution.transitions(),
                execution.states().size(), execution.retries(), execution.costPerRun().toPlainString());
    }

    /**
     * What a person answers, in order: to each approval the run asks for, and to each time it needs a person. The
     * same person answers the state machine's run and the local driver's.
     */
    private record Person(List<Boolean> approvals, List<Resolution.Action> resolutions) {

        static final Person NOBODY = new Person(List.of(), List.of());

        static Person approving(Boolean... decisions) {
            return new Person(Arrays.asList(decisions), List.of());
        }

        static Person resolving(Resolution.Action... actions) {
            return new Person(List.of(), List.of(actions));
        }
    }

    private record Comparison(Execution execution, String aslRunId, Map<String, Integer> aslCallsByModel,
                              List<RunSnapshot> aslApprovalRequests, List<String> aslApprovalTokens,
                              List<String> localSteps, String localRunId, Map<String, Integer> localCallsByModel,
                              List<RunSnapshot> localApprovalRequests) {

        int aslModelCalls() {
            return aslCallsByModel.values().stream().mapToInt(Integer::intValue).sum();
        }

        int aslCalls(String model) {
            return aslCallsByModel.get(model);
        }

        int localCalls(String model) {
            return localCallsByModel.get(model);
        }

        void assertSamePath(String... expected) {
            assertThat(execution.steps()).as("the state machine's Task states, then the local driver's steps; "
                            + "the execution: %s, %s, states %s; diagnostics:%n%s", execution.status(), execution.error(),
                    execution.states(), execution.diagnostics()).containsExactlyElementsOf(localSteps);
            assertThat(localSteps).containsExactly(expected);
            assertThat(aslCallsByModel).as("model calls per model, state machine vs local driver")
                    .isEqualTo(localCallsByModel);
        }
    }
}
