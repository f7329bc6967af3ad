package io.escalator.engine;

import io.escalator.model.AgentTeam;
import io.escalator.testkit.ScriptedChatModels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.ladder.Ladder;
import io.escalator.run.Item;
import io.escalator.run.ItemStatus;
import io.escalator.run.Run;
import io.escalator.run.RunSnapshot;
import io.escalator.run.RunStatus;
import io.escalator.run.RunTotals;
import io.escalator.store.EscalatorTable;
import io.escalator.store.RunPage;
import io.escalator.store.RunStore;
import io.escalator.support.Json;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.RecordingOrchestrator;
import io.escalator.testkit.TestLadders;
import io.escalator.testkit.TestRuns;
import io.escalator.validation.FieldError;
import io.escalator.validation.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(DynamoDbLocalExtension.class)
class RunServiceTest {

    private static final String SECRET = "sk-test-do-not-store-0123456789";

    private final MutableClock clock = new MutableClock(Instant.parse("2100-03-01T10:00:00.123456789Z"));
    private final RecordingOrchestrator orchestrator = new RecordingOrchestrator();
    private final Ladder ladder = TestLadders.parse(TestLadders.pricedJson("0.15", "0.60")
            .replace("\"model\": \"cheap-model\",", "\"model\": \"cheap-model\", \"apiKey\": \"" + SECRET + "\","));
    private RunStore store;
    private RunService service;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        String table = dynamoDb.uniqueTableName("runs");
        EscalatorTable.createIfMissing(dynamoDb.client(), table);
        store = new RunStore(dynamoDb.client(), table, Duration.ofDays(30));
        service = new RunService(store, ladder, Engine.WORKFLOWS, clock, orchestrator,
                new CostEstimator(new io.escalator.store.HistoryStore(dynamoDb.client(), table), new AgentTeam(new ScriptedChatModels()), ladder, 400), BigDecimal.ONE);
    }

    @Test
    void startingARunStoresItRunningWithItsOpenItemsAndHandsItToTheOrchestrator() {
        Run run = service.start(TestRuns.run().objective("Answer with numbers.").item("a", "question a")
                .item("b", "question b").maxCost("2.5").maxSeconds(600).maxAttempts(12).spec());

        assertThat(orchestrator.started).containsExactly(run.id());
        RunSnapshot stored = service.get(run.id());
        assertThat(stored.run()).isEqualTo(run);
        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.createdAt()).isEqualTo(Instant.parse("2100-03-01T10:00:00.123Z"));
        assertThat(run.committedCost()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(run.attemptsStarted()).isZero();
        assertThat(run.budget().maxCost()).isEqualByComparingTo("2.5");
        assertThat(run.budget().maxDuration()).isEqualTo(Duration.ofSeconds(600));
        assertThat(run.budget().maxAttempts()).isEqualTo(12);
        assertThat(Json.readTree(run.gatesJson()).get(0).get("value").asText()).isEqualTo("42");
        assertThat(stored.items()).extracting(Item::id, Item::input, Item::status, Item::tierIndex)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "question a", ItemStatus.OPEN, 0),
                        org.assertj.core.groups.Tuple.tuple("b", "question b", ItemStatus.OPEN, 0));
        assertThat(stored.attempts()).isEmpty();
    }

    @Test
    void theRunKeepsASnapshotOfItsLadderWithoutSecrets() {
        assertThat(ladder.tier(0).apiKey()).isPresent();

        Run run = service.start(TestRuns.run().spec());

        assertThat(run.ladderFingerprint()).isEqualTo(ladder.fingerprint());
        assertThat(run.ladderJson()).doesNotContain(SECRET).contains("cheap-model");
        Ladder snapshot = Json.read(run.ladderJson(), Ladder.class);
        assertThat(snapshot.tiers()).extracting(tier -> tier.name()).containsExactly("cheap", "capable", "premium");
        assertThat(snapshot.tier(0).apiKey()).isEmpty();
        assertThat(snapshot.tier(2).prices()).isEqualTo(ladder.tier(2).prices());
    }

    @Test
    void runsAreListedNewestFirst() {
        Run first = service.start(TestRuns.run().spec());
        clock.advance(Duration.ofMillis(1));
        Run second = service.start(TestRuns.run().spec());

        RunPage page = service.list(page("1", null));

        assertThat(page.runs()).extracting(Run::id).containsExactly(second.id());
        assertThat(service.list(page("1", page.nextCursor())).runs()).extracting(Run::id).containsExactly(first.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "101", "ten", "2.5"})
    void aPageSizeThatIsNoWholeNumberFromOneToTheMaximumIsAnInvalidRequestOnTheLimitField(String limit) {
        assertThatThrownBy(() -> service.list(page(limit, null))).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("limit"));
    }

    @Test
    void runsAreListedByStatusAndWorkflowWithTheStatusInAnyCase() {
        Run finished = service.start(TestRuns.run().spec());
        clock.advance(Duration.ofMillis(1));
        Run running = service.start(TestRuns.run().spec());
        store.finishRun(finished.id(), RunStatus.SUCCEEDED, "done", new RunTotals(BigDecimal.ZERO, BigDecimal.ZERO, null),
                clock.instant());

        assertThat(service.list(new RunListQuery("succeeded", null, null, null, null, null)).runs())
                .extracting(Run::id).containsExactly(finished.id());
        assertThat(service.list(new RunListQuery("RUNNING", "prompt", null, null, null, null)).runs())
                .extracting(Run::id).containsExactly(running.id());
        assertThat(service.list(new RunListQuery(null, "test-gen", null, null, null, null)).runs()).isEmpty();
    }

    @Test
    void aRunKeepsItsOwnersHashAndAnOwnersListingHoldsOnlyTheirRuns() {
        Run alices = service.start(TestRuns.run().spec(), "user-hash", "alice-hash");
        clock.advance(Duration.ofMillis(1));
        Run bobs = service.start(TestRuns.run().spec(), null, "bob-hash");

        assertThat(service.get(alices.id()).run().ownerHash()).isEqualTo("alice-hash");
        assertThat(service.get(alices.id()).run().userHash()).isEqualTo("user-hash");
        assertThat(service.list(new RunListQuery("running", null, null, null, null, null), "alice-hash").runs())
                .extracting(Run::id).containsExactly(alices.id());
        assertThat(service.list(new RunListQuery(null, null, null, null, null, null)).runs())
                .extracting(Run::id).containsExactly(bobs.id(), alices.id());
    }

    @Test
    void everyProblemOfAListingIsReportedAtOnceEachNamingItsParameter() {
        assertThatThrownBy(() -> service.list(new RunListQuery("DONE", "nope", "yesterday", "2100-13-01", "0", null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field)
                            .containsExactly("status", "workflow", "since", "until", "limit");
                    assertThat(e.errors().get(0).message()).contains("'DONE'", "RUNNING", "AWAITING_APPROVAL", "SUCCEEDED",
                            "NEEDS_HUMAN", "BUDGET_EXHAUSTED", "FAILED", "CANCELLED");
                    assertThat(e.errors().get(1).message()).contains("'nope'", "prompt", "test-gen");
                    assertThat(e.errors().get(2).message()).contains("'yesterday'", "2026-11-20T10:00:00Z", "2026-11-20");
                });
    }

    @Test
    void aRangeThatDoesNotEndAfterItStartsIsAnInvalidRequestOnSince() {
        for (RunListQuery query : List.of(new RunListQuery(null, null, "2100-03-02", "2100-03-01", null, null),
                new RunListQuery(null, null, "2100-03-01T10:00:00Z", "2100-03-01T10:00:00Z", null, null))) {
            assertThatThrownBy(() -> service.list(query)).isInstanceOfSatisfying(InvalidRequestException.class,
                    e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("since"));
        }
    }

    @Test
    void aDateAsSinceStartsAtTheStartOfThatDayAndAsUntilEndsAtItsEndInUtc() {
        clock.set(Instant.parse("2100-03-01T23:59:59.999Z"));
        Run lastOfTheDayBefore = service.start(TestRuns.run().spec());
        clock.set(Instant.parse("2100-03-02T00:00:00Z"));
        Run firstOfTheDay = service.start(TestRuns.run().spec());
        clock.set(Instant.parse("2100-03-02T23:59:59.999Z"));
        Run lastOfTheDay = service.start(TestRuns.run().spec());
        clock.set(Instant.parse("2100-03-03T00:00:00Z"));
        Run firstOfTheDayAfter = service.start(TestRuns.run().spec());

        assertThat(service.list(new RunListQuery(null, null, "2100-03-02", "2100-03-02", null, null)).runs())
                .extracting(Run::id).containsExactly(lastOfTheDay.id(), firstOfTheDay.id());
        assertThat(service.list(new RunListQuery(null, null, "2100-03-02", null, null, null)).runs())
                .extracting(Run::id).containsExactly(firstOfTheDayAfter.id(), lastOfTheDay.id(), firstOfTheDay.id());
        assertThat(service.list(new RunListQuery(null, null, null, "2100-03-01", null, null)).runs())
                .extracting(Run::id).containsExactly(lastOfTheDayBefore.id());
        assertThat(service.list(new RunListQuery(null, null, "2100-03-02T01:00:00+01:00", "2100-03-03T00:00:00Z",
                null, null)).runs()).as("an instant with an offset")
                .extracting(Run::id).containsExactly(lastOfTheDay.id(), firstOfTheDay.id());
    }

    private static RunListQuery page(String limit, String cursor) {
        return new RunListQuery(null, null, null, null, limit, cursor);
    }

    @Test
    void aPlanEstimatesAndShowsTheLadderWithoutStoringOrStartingAnything() {
        RunPlan plan = service.plan(TestRuns.run().item("a", "question a").item("b", "question b").maxCost("2.5").spec());

        assertThat(plan.estimate().tiers()).hasSize(3);
        assertThat(plan.estimate().total()).isPositive();
        assertThat(plan.autoApproveUnder()).isEqualByComparingTo("1");
        assertThat(plan.approvalRequired()).isEqualTo(plan.estimate().total().compareTo(BigDecimal.ONE) > 0);
        assertThat(plan.tiers()).extracting(RunPlan.TierPlan::tier).containsExactly("cheap", "capable", "premium");
        assertThat(plan.tiers()).extracting(RunPlan.TierPlan::maxAttempts).containsExactly(3, 6, 1);
        assertThat(plan.tiers().get(2).mode()).isEqualTo("full");
        assertThat(plan.budget().maxCost()).isEqualByComparingTo("2.5");
        assertThat(store.listRuns(10, null).runs()).isEmpty();
        assertThat(orchestrator.started).isEmpty();
    }

}
