package io.escalator.testkit;

import io.escalator.policy.BudgetLimits;
import io.escalator.run.ItemSpec;
import io.escalator.workflow.PromptWorkflow;
import io.escalator.workflow.RunRequestParser;
import io.escalator.run.RunSpec;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.escalator.support.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds run requests for engine tests. By default: one gate, {@code contains "42"}, and no budget. */
public final class TestRuns {

    public static final String EXPECTED = "42";
    public static final String GATE_FAILURE = "answer does not contain the required text \"42\"";

    private String objective = "Answer the question with a number.";
    private final List<ItemSpec> items = new ArrayList<>();
    private String gatesJson = "[{\"type\": \"contains\", \"value\": \"" + EXPECTED + "\"}]";
    private BigDecimal maxCost;
    private Duration maxDuration;
    private Integer maxAttempts;
    private BigDecimal autoApproveUnder;

    public static TestRuns run() {
        return new TestRuns();
    }

    public TestRuns objective(String text) {
        this.objective = text;
        return this;
    }

    public TestRuns item(String id, String input) {
        items.add(new ItemSpec(id, input));
        return this;
    }

    public TestRuns gates(String json) {
        this.gatesJson = json;
        return this;
    }

    public TestRuns maxCost(String usd) {
        this.maxCost = new BigDecimal(usd);
        return this;
    }

    public TestRuns maxCost(BigDecimal usd) {
        this.maxCost = usd;
        return this;
    }

    public TestRuns maxSeconds(long seconds) {
        this.maxDuration = Duration.ofSeconds(seconds);
        return this;
    }

    /** The run's approval line; unset, the engine's default applies. */
    public TestRuns autoApproveUnder(String usd) {
        this.autoApproveUnder = new BigDecimal(usd);
        return this;
    }

    public TestRuns maxAttempts(int attempts) {
        this.maxAttempts = attempts;
        return this;
    }

    public RunSpec spec() {
        List<ItemSpec> runItems = items.isEmpty() ? List.of(new ItemSpec(RunRequestParser.SINGLE_ITEM_ID, objective)) : items;
        return new RunSpec(PromptWorkflow.NAME, objective, List.copyOf(runItems), Json.readTree(gatesJson),
                JsonNodeFactory.instance.objectNode(), new BudgetLimits(maxCost, maxDuration, maxAttempts),
                autoApproveUnder, false);
    }
}
