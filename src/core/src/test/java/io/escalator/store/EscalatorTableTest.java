package io.escalator.store;

import static io.escalator.testkit.StoreRecords.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.policy.BudgetLimits;
import io.escalator.dynamodb.local.EmbeddedDynamoDb;
import io.escalator.run.Run;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.StoreRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;

/** The table the local stack creates, and a table of an older version brought up to date at start-up. */
@ExtendWith(DynamoDbLocalExtension.class)
class EscalatorTableTest {

    @Test
    void aMissingTableIsCreatedWithEveryIndex(DynamoDbLocal dynamoDb) {
        String table = dynamoDb.uniqueTableName("runs");

        EscalatorTable.createOrUpgrade(dynamoDb.client(), table);

        assertThat(indexNames(dynamoDb.client(), table))
                .containsExactlyInAnyOrder("runsByTime", "runsByStatus", "runsByWorkflow", "runsByOwner");
    }

    /**
     * On a server of its own, over a data directory, as the local stack keeps it: DynamoDB Local also takes minutes
     * to activate a new index when it holds as many tables as the shared test server does.
     */
    @Test
    void aDataDirectoryWhoseTableLacksTheWorkflowAndOwnerIndexesGetsThemAndItsStoredRunsAreListedByWorkflow(
            @TempDir Path data) {
        String table = "escalator";
        try (EmbeddedDynamoDb olderVersion = EmbeddedDynamoDb.startPersistent(data);
             DynamoDbClient client = DynamoDbClients.forLocal(olderVersion.endpoint(), "us-east-1")) {
            client.createTable(withoutWorkflowAndOwnerIndexes(EscalatorTable.definition(table)));
            RunStore store = new RunStore(client, table, Duration.ofDays(30));
            store.createRun(StoreRecords.run("older", T0, BudgetLimits.NONE), List.of());
            store.createRun(StoreRecords.run("newer", T0.plusSeconds(1), BudgetLimits.NONE), List.of());
            forgetWorkflowKeys(client, table, "older");
            forgetWorkflowKeys(client, table, "newer");
        }

        try (EmbeddedDynamoDb restarted = EmbeddedDynamoDb.startPersistent(data);
             DynamoDbClient client = DynamoDbClients.forLocal(restarted.endpoint(), "us-east-1")) {
            EscalatorTable.createOrUpgrade(client, table);
            EscalatorTable.createOrUpgrade(client, table);

            RunStore store = new RunStore(client, table, Duration.ofDays(30));
            assertThat(indexNames(client, table))
                    .containsExactlyInAnyOrder("runsByTime", "runsByStatus", "runsByWorkflow", "runsByOwner");
            assertThat(store.listRuns(new RunFilter(null, "prompt", null, null), 10, null).runs()).extracting(Run::id)
                    .containsExactly("newer", "older");
            assertThat(store.listRuns(new RunFilter(null, "prompt", T0.plusSeconds(1), null), 10, null).runs())
                    .extracting(Run::id).containsExactly("newer");
            assertThat(store.listRuns(10, null).runs()).extracting(Run::id).containsExactly("newer", "older");

            store.createRun(StoreRecords.run("owned", T0.plusSeconds(2), BudgetLimits.NONE).withOwner("owner-1"), List.of());
            assertThat(store.listRuns(RunFilter.ALL.ownedBy("owner-1"), 10, null).runs()).extracting(Run::id)
                    .containsExactly("owned");
        }
    }

    /** The table as the version before the workflow index created it. */
    private static CreateTableRequest withoutWorkflowAndOwnerIndexes(CreateTableRequest current) {
        return current.toBuilder()
                .attributeDefinitions(current.attributeDefinitions().stream()
                        .filter(a -> !Set.of(Keys.GSI3_PK, Keys.GSI3_SK, Keys.GSI4_PK, Keys.GSI4_SK)
                                .contains(a.attributeName())).toList())
                .globalSecondaryIndexes(current.globalSecondaryIndexes().stream()
                        .filter(index -> !Set.of(Keys.RUNS_BY_WORKFLOW, Keys.RUNS_BY_OWNER).contains(index.indexName()))
                        .toList())
                .build();
    }

    /** A run as the version before the workflow index stored it. */
    private static void forgetWorkflowKeys(DynamoDbClient client, String table, String runId) {
        client.updateItem(b -> b.tableName(table)
                .key(Map.of(Keys.PK, AttributeValue.fromS(Keys.run(runId)), Keys.SK, AttributeValue.fromS(Keys.META)))
                .updateExpression("REMOVE " + Keys.GSI3_PK + ", " + Keys.GSI3_SK));
    }

    private static List<String> indexNames(DynamoDbClient client, String table) {
        return client.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes().stream()
                .map(GlobalSecondaryIndexDescription::indexName).toList();
    }
}
