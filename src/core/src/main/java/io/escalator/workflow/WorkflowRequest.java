package io.escalator.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalator.run.ItemSpec;
import java.util.List;

/**
 * What a workflow made of a request: the run's objective, its items, its gates, and what else it keeps with the run.
 */
public record WorkflowRequest(String objective, List<ItemSpec> items, JsonNode gates, JsonNode data) {
}
