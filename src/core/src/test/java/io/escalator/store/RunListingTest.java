package io.escalator.store;

import static io.escalator.testkit.StoreRecords.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.policy.BudgetLimits;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.run.RunTotals;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.StoreRecords;
import io.escalator.validation.FieldError;
import io.escalator.validation.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Listing runs by status, workflow and creation time, page by page: always by Query, on the index that fits. */
@ExtendWith(DynamoDbLocalExtension.class)
class RunListingTest {

    private static final String PROMPT = "prompt";
    private static final String TEST_GEN = "test-gen";

    private RunStore store;

    @BeforeEach
    void createTable(DynamoDbLocal dynamoDb) {
        String table = dynamoDb.uniqueTableName("runs");
        EscalatorTable.createIfMissing(dynamoDb.client(), table);
        store = new RunStore(dynamoDb.client(), table, Duration.ofDays(30));
    }

    @Test
    void eachFilterListsOnlyItsRunsNewestFirst() {
        create("p-running", PROMPT, T0);
        create("t-running", TEST_GEN, T0.plusSeconds(1));
        create("p-done", PROMPT, T0.plusSeconds(2));
        create("t-done", TEST_GEN, T0.plusSeconds(3));
        create("p-human", PROMPT, T0.plusSeconds(4));
        finish("p-done", RunStatus.SUCCEEDED);
        finish("t-done", RunStatus.SUCCEEDED);
        finish("p-human", RunStatus.NEEDS_HUMAN);

        assertThat(ids(new RunFilter(RunStatus.SUCCEEDED, null, null, null))).containsExactly("t-done", "p-done");
        assertThat(ids(new RunFilter(RunStatus.RUNNING, null, null, null))).containsExactly("t-running", "p-running");
        assertThat(ids(new RunFilter(RunStatus.FAILED, null, null, null))).isEmpty();
        assertThat(ids(new RunFilter(null, PROMPT, null, null))).containsExactly("p-human", "p-done", "p-running");
        assertThat(ids(new RunFilter(null, TEST_GEN, null, null))).containsExactly("t-done", "t-running");
        assertThat(ids(new RunFilter(null, "no-such-workflow", null, null))).isEmpty();
        assertThat(ids(new RunFilter(RunStatus.SUCCEEDED, PROMPT, null, null))).containsExactly("p-done");
        assertThat(ids(new RunFilter(RunStatus.RUNNING, TEST_GEN, null, null))).containsExactly("t-running");
        assertThat(ids(new RunFilter(null, null, T0.plusSeconds(1), T0.plusSeconds(4))))
                .containsExactly("t-done", "p-done", "t-running");
        assertThat(ids(new RunFilter(RunStatus.SUCCEEDED, TEST_GEN, T0, T0.plusSeconds(3)))).isEmpty();
        assertThat(ids(new RunFilter(RunStatus.SUCCEEDED, TEST_GEN, T0, T0.plusSeconds(4)))).containsExactly("t-done");
        assertThat(ids(RunFilter.ALL)).containsExactly("p-human", "t-done", "p-done", "t-running", "p-running");
    }

    static Stream<Arguments> everyIndex() {
        return Stream.of(
                Arguments.of("all runs", null, null),
                Arguments.of("by status", RunStatus.RUNNING, null),
                Arguments.of("by workflow", null, PROMPT),
                Arguments.of("by status, workflow on read", RunStatus.RUNNING, PROMPT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyIndex")
    void sinceIsInclusiveAndUntilExclusive(String listing, RunStatus status, String workflow) {
        Instant since = T0.plusSeconds(10);
        Instant until = T0.plusSeconds(20);
        create("just-before-since", PROMPT, since.minusMillis(1));
        create("at-since", PROMPT, since);
        create("just-before-until", PROMPT, until.minusMillis(1));
        create("at-until", PROMPT, until);

        assertThat(ids(new RunFilter(status, workflow, since, until))).containsExactly("just-before-until", "at-since");
        assertThat(ids(new RunFilter(status, workflow, since, null))).containsExactly("at-until", "just-before-until", "at-since");
        assertThat(ids(new RunFilter(status, workflow, null, until)))
                .containsExactly("just-before-until", "at-since", "just-before-since");
        assertThat(ids(new RunFilter(status, workflow, since, since))).isEmpty();
        assertThat(ids(new RunFilter(status, workflow, until, since))).isEmpty();
    }

    @Test
    void anOwnersListingHoldsOnlyTheirRunsAndTakesEveryOtherFilter() {
        create("a-running", PROMPT, T0, "owner-a");
        create("b-running", PROMPT, T0.plusSeconds(1), "owner-b");
        create("a-test-gen", TEST_GEN, T0.plusSeconds(2), "owner-a");
        create("a-done", PROMPT, T0.plusSeconds(3), "owner-a");
        create("nobodys", PROMPT, T0.plusSeconds(4), null);
        finish("a-done", RunStatus.SUCCEEDED);

        assertThat(ids(RunFilter.ALL.ownedBy("owner-a"))).containsExactly("a-done", "a-test-gen", "a-running");
        assertThat(ids(RunFilter.ALL.ownedBy("owner-b"))).containsExactly("b-running");
        assertThat(ids(RunFilter.ALL.ownedBy("owner-c"))).isEmpty();
        assertThat(ids(new RunFilter(RunStatus.RUNNING, null, null, null, "owner-a"))).containsExactly("a-test-gen", "a-running");
        assertThat(ids(new RunFilter(null, PROMPT, null, null, "owner-a"))).containsExactly("a-done", "a-running");
        assertThat(ids(new RunFilter(RunStatus.RUNNING, PROMPT, null, null, "owner-a"))).containsExactly("a-running");
        assertThat(ids(new RunFilter(null, null, T0.plusSeconds(1), T0.plusSeconds(3), "owner-a"))).containsExactly("a-test-gen");
        assertThat(ids(RunFilter.ALL)).as("every owner's and the runs of no owner")
                .containsExactly("nobodys", "a-done", "a-test-gen", "b-running", "a-running");
    }

    @Test
    void aStatusAndWorkflowListingReadsOnUntilThePageIsFullSoOnlyTheLastPageIsShort() {
        // 240 runs, newest first; 5 of them of test-gen, far apart: more than one DynamoDB page between some of them
        List<Integer> testGenAt = List.of(2, 3, 130, 131, 239);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            String id = String.format("run-%03d", i);
            boolean testGen = testGenAt.contains(i);
            create(id, testGen ? TEST_GEN : PROMPT, T0.minusSeconds(i));
            if (testGen) {
                expected.add(id);
            }
        }
        RunFilter filter = new RunFilter(RunStatus.RUNNING, TEST_GEN, null, null);

        List<RunPage> pages = allPages(filter, 2);

        assertThat(pages).extracting(page -> page.runs().size()).containsExactly(2, 2, 1);
        assertThat(pages.stream().flatMap(page -> page.runs().stream()).map(Run::id).toList())
                .containsExactlyElementsOf(expected);
        assertThat(pages.getLast().nextCursor()).isNull();
    }

    @Test
    void everyFilterPagesWithoutGapsOrDuplicatesAndNoEmptyLastPage() {
        for (int i = 0; i < 9; i++) {
            create(String.format("run-%d", i), i % 3 == 0 ? TEST_GEN : PROMPT, T0.plusSeconds(i), i < 7 ? "owner" : null);
        }
        finish("run-4", RunStatus.SUCCEEDED);
        List<RunFilter> filters = List.of(RunFilter.ALL, new RunFilter(null, PROMPT, null, null),
                new RunFilter(RunStatus.RUNNING, null, null, null), new RunFilter(RunStatus.RUNNING, PROMPT, null, null),
                new RunFilter(null, null, T0.plusSeconds(2), T0.plusSeconds(8)), RunFilter.ALL.ownedBy("owner"),
                new RunFilter(RunStatus.RUNNING, PROMPT, T0.plusSeconds(1), null, "owner"));

        for (RunFilter filter : filters) {
            List<String> oneGo = ids(filter);
            for (int limit = 1; limit <= oneGo.size(); limit++) {
                List<RunPage> pages = allPages(filter, limit);
                int pageSize = limit;
                assertThat(pages.stream().flatMap(page -> page.runs().stream()).map(Run::id).toList())
                        .as("%s in pages of %d", filter, limit).containsExactlyElementsOf(oneGo);
                assertThat(pages.subList(0, pages.size() - 1)).as("%s: pages before the last", filter)
                        .allSatisfy(page -> assertThat(page.runs()).hasSize(pageSize));
                assertThat(pages.getLast().runs()).as("%s: the last page", filter).isNotEmpty();
            }
        }
    }

    @Test
    void aCursorContinuesOnlyTheFilterItWasIssuedFor() {
        for (int i = 0; i < 3; i++) {
            create("run-" + i, PROMPT, T0.plusSeconds(i));
        }
        RunFilter running = new RunFilter(RunStatus.RUNNING, null, null, null);
        String cursor = store.listRuns(running, 1, null).nextCursor();

        assertThat(store.listRuns(running, 5, cursor).runs()).extracting(Run::id).containsExactly("run-1", "run-0");
        for (RunFilter other : List.of(RunFilter.ALL, new RunFilter(RunStatus.SUCCEEDED, null, null, null),
                new RunFilter(RunStatus.RUNNING, PROMPT, null, null), new RunFilter(RunStatus.RUNNING, null, T0, null),
                new RunFilter(RunStatus.RUNNING, null, null, T0.plusSeconds(9)), running.ownedBy("someone"))) {
            assertThatThrownBy(() -> store.listRuns(other, 5, cursor)).as("%s", other)
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                            .extracting(FieldError::field).containsExactly("cursor"));
        }
    }

    @Test
    void aCursorOutsideTheFiltersTimeRangeIsAnInvalidRequest() {
        create("early", PROMPT, T0);
        create("late", PROMPT, T0.plusSeconds(60));
        RunListingQuery query = RunListingQuery.of(new RunFilter(null, null, T0.plusSeconds(30), null));
        RunEntity early = RunEntity.of(store.findRun("early").orElseThrow(), T0);
        String outside = Cursors.encode(RunEntity.SCHEMA.itemToMap(early,
                List.of(Keys.PK, Keys.SK, Keys.GSI1_PK, Keys.GSI1_SK)), query);

        assertThatThrownBy(() -> store.listRuns(query.filter(), 5, outside))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("cursor"));
    }

    private List<RunPage> allPages(RunFilter filter, int limit) {
        List<RunPage> pages = new ArrayList<>();
        String cursor = null;
        do {
            RunPage page = store.listRuns(filter, limit, cursor);
            pages.add(page);
            cursor = page.nextCursor();
        } while (cursor != null && pages.size() < 1000);
        return pages;
    }

    private List<String> ids(RunFilter filter) {
        RunPage page = store.listRuns(filter, 1000, null);
        assertThat(page.nextCursor()).isNull();
        return page.runs().stream().map(Run::id).toList();
    }

    private void create(String id, String workflow, Instant createdAt) {
        create(id, workflow, createdAt, null);
    }

    private void create(String id, String workflow, Instant createdAt, String ownerHash) {
        Run prompt = StoreRecords.run(id, createdAt, BudgetLimits.NONE);
        store.createRun(new Run(id, workflow, prompt.objective(), prompt.status(), prompt.statusReason(),
                prompt.gatesJson(), prompt.dataJson(), prompt.budget(), prompt.committedCost(), prompt.spentCost(),
                prompt.attemptsStarted(), prompt.ladderJson(), prompt.ladderFingerprint(), prompt.estimateJson(),
                prompt.createdAt(), prompt.finishedAt(), prompt.totals(), prompt.approval(), prompt.resolution(), null,
                ownerHash), List.of());
    }

    private void finish(String id, RunStatus status) {
        store.finishRun(id, status, "finished", new RunTotals(BigDecimal.ZERO, BigDecimal.ZERO, null), T0.plusSeconds(600));
    }
}
