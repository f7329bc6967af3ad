package io.escalator.api;

import static io.escalator.api.ScriptedModels.CAPABLE;
import static io.escalator.api.ScriptedModels.CHEAP;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The budget is a hard cap even when many items spend in parallel. Twenty items all fail the free cheap tier and
 * reach the priced capable tier together, whose model answers slowly, on a budget that fits only some of their
 * attempts. Repeated, to give races a chance to show.
 */
@QuarkusTest
@WithTestResource(ScriptedModels.class)
class BudgetConcurrencyTest {

    private static final String MAX_COST = "0.01";

    ScriptedOpenAiServer models;

    @RepeatedTest(3)
    void twentyItemsInParallelNeverSpendMoreThanTheBudget() {
        models.reset();
        models.script(CHEAP, Reply.text("no"));
        // capable: 1000 x $0.50/M + 200 x $1.50/M = $0.0008 per attempt, after 300 ms
        models.script(CAPABLE, Reply.delayed(Duration.ofMillis(300), Reply.text("no").withUsage(1000, 200)));
        String items = IntStream.rangeClosed(1, 20)
                .mapToObj(i -> "{\"id\": \"item-" + i + "\", \"input\": \"question " + i + "\"}")
                .collect(Collectors.joining(", "));

        String runId = Runs.start("""
                {"workflow": "prompt", "objective": "Say yes.", "items": [%s],
                 "gates": [{"type": "equals", "value": "yes"}], "budget": {"maxCost": %s}}""".formatted(items, MAX_COST));
        JsonPath run = Runs.awaitEnd(runId).using(JsonPathConfig.jsonPathConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));

        assertThat(run.getString("status")).isEqualTo("BUDGET_EXHAUSTED");
        BigDecimal recorded = run.getList("attempts.cost", BigDecimal.class).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal spent = new BigDecimal(run.getString("budget.spent"));
        assertThat(spent).isEqualByComparingTo(recorded).isLessThanOrEqualTo(new BigDecimal(MAX_COST));
        assertThat(new BigDecimal(run.getString("budget.committed"))).isEqualByComparingTo(spent);
        long capableAttempts = run.getList("attempts.tier", String.class).stream().filter("capable"::equals).count();
        assertThat(capableAttempts).isPositive().isLessThan(40);
        assertThat(models.callCount(CAPABLE)).isEqualTo((int) capableAttempts);
        assertThat(run.getList("items.status", String.class)).contains("BUDGET_EXHAUSTED");
    }
}
