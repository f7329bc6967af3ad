package io.escalator.engine;

import static io.escalator.testkit.ScriptedChatModels.Answer.text;
import static io.escalator.testkit.TestLadders.CAPABLE;
import static io.escalator.testkit.TestLadders.CHEAP;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.ladder.Ladder;
import io.escalator.run.ItemStatus;
import io.escalator.run.PendingApproval;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.store.DynamoDbClients;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.RecordingOrchestrator;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.TestLadders;
import io.escalator.testkit.TestRuns;
import io.escalator.workflow.RunRequestParser;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Progressive approval: a run that started under its approval line pauses before an escalation that would take
 * its projected total past the line. The ladder charges output tokens only ($1 / $10 / $20 per million), so:
 * the estimate of one item is 2 x 400 x $1/M + 0.3 x 2 x 400 x $10/M + 0.1 x 2 calls x 400 x $20/M = $0.0048, under
 * the $0.005 line; after two cheap attempts of 50 output tokens ($0.0001 spent), moving to capable adds
 * 2 attempts x 400 x $10/M = $0.008, a projected $0.0081, over the line.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class ProgressiveApprovalTest {

    private static final Ladder OUTPUT_PRICED = TestLadders.parse(TestLadders.json("0", "1", "0", "10", "0", "20"));

    private final MutableClock clock = MutableClock.at("2100-03-01T10:00:00Z");
    private final ScriptedChatModels models = new ScriptedChatModels();
    private Engine engine;
    private ApprovalService approvals;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        engine = Engine.on(dynamoDb.client(), dynamoDb.uniqueTableName("runs"), OUTPUT_PRICED, models, clock);
        approvals = new ApprovalService(engine.store, new RecordingOrchestrator(), clock);
        models.answer(CHEAP, text("41", 100, 50)).answer(CAPABLE, text("42", 100, 5));
    }

    @Test
    void anEscalationPastTheLinePausesTheRunShowingTierItemsAndCost() {
        Run run = engine.start(TestRuns.run().autoApproveUnder("0.005"));

        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.AWAITING_APPROVAL);

        Run waiting = engine.run(run.id());
        PendingApproval pending = waiting.approval().pending();
        assertThat(pending.kind()).isEqualTo(PendingApproval.Kind.ESCALATION);
        assertThat(pending.escalations()).singleElement().satisfies(escalation -> {
            assertThat(escalation.tier()).isEqualTo("capable");
            assertThat(escalation.items()).containsExactly(RunRequestParser.SINGLE_ITEM_ID);
            assertThat(escalation.additionalCost()).isEqualByComparingTo("0.008");
        });
        assertThat(pending.additionalCost()).isEqualByComparingTo("0.008");
        assertThat(pending.projectedTotal()).isEqualByComparingTo("0.0081");
        assertThat(waiting.approval().deadline()).isEqualTo(clock.instant().plus(Engine.APPROVAL_DEADLINE));
        assertThat(models.callCount(CAPABLE)).isZero();
        assertThat(engine.steps).containsExactly(steps(run, "Estimate", "ExecuteTier", "Decide", "ExecuteTier", "Decide",
                "WaitForApproval"));
    }

    /**
     * At every call's full output allowance (1,024 tokens), the two capable attempts could cost $0.0205 at most, far
     * under a $1 line: the escalation goes ahead without reading the workflow's history (only the estimate reads it).
     */
    @Test
    void anEscalationThatCannotCrossTheLineIsDecidedWithoutReadingTheHistory(DynamoDbLocal dynamoDb) {
        List<String> historyReads = new CopyOnWriteArrayList<>();
        ExecutionInterceptor statsQueries = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof QueryRequest query && query.expressionAttributeValues().values().stream()
                        .anyMatch(value -> value.s() != null && value.s().startsWith("STATS#"))) {
                    historyReads.add(query.expressionAttributeValues().toString());
                }
            }
        };
        try (DynamoDbClient counting = DynamoDbClients.localBuilder(dynamoDb.endpoint(), "us-east-1")
                .overrideConfiguration(c -> c.addExecutionInterceptor(statsQueries))
                .build()) {
            Engine counted = Engine.on(counting, dynamoDb.uniqueTableName("runs"), OUTPUT_PRICED, models, clock);
            Run run = counted.start(TestRuns.run().autoApproveUnder("1"));

            assertThat(counted.driver.drive(run.id())).isEqualTo(RunStatus.SUCCEEDED);

            assertThat(counted.item(run.id(), RunRequestParser.SINGLE_ITEM_ID).tierIndex()).isEqualTo(1);
            assertThat(counted.steps).containsExactly(steps(run, "Estimate", "ExecuteTier", "Decide", "ExecuteTier",
                    "Decide", "ExecuteTier", "Decide", "Finalize"));
            assertThat(historyReads).hasSize(1);
        }
    }

    @Test
    void approvedTheEscalationGoesAheadAndTheApprovedTotalIsTheNewLine() {
        Run run = engine.start(TestRuns.run().autoApproveUnder("0.005"));
        engine.driver.drive(run.id());

        Run approved = approvals.decide(run.id(), true, "go on");

        assertThat(approved.approval().approvedUpTo()).isEqualByComparingTo("0.0081");
        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(models.callCount(CAPABLE)).isEqualTo(1);
        assertThat(engine.item(run.id(), RunRequestParser.SINGLE_ITEM_ID).tierIndex()).isEqualTo(1);
    }

    @Test
    void rejectedTheRunIsCancelledItsEscalatingItemClosedAndNoDearerModelCalled() {
        Run run = engine.start(TestRuns.run().autoApproveUnder("0.005"));
        engine.driver.drive(run.id());

        approvals.decide(run.id(), false, "not worth it");

        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.CANCELLED);
        Run cancelled = engine.run(run.id());
        assertThat(cancelled.statusReason()).isEqualTo("escalation rejected: not worth it");
        assertThat(cancelled.totals().totalCost()).isEqualByComparingTo("0.0001");
        assertThat(engine.item(run.id(), RunRequestParser.SINGLE_ITEM_ID).status()).isEqualTo(ItemStatus.CANCELLED);
        assertThat(models.callCount(CAPABLE)).isZero();
    }

    @Test
    void anEscalationWithinTheLineDoesNotPause() {
        Run run = engine.start(TestRuns.run().autoApproveUnder("0.01"));

        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(engine.steps).doesNotContain(run.id() + ":WaitForApproval");
    }

    private static String[] steps(Run run, String... names) {
        return List.of(names).stream().map(name -> run.id() + ":" + name).toArray(String[]::new);
    }
}
