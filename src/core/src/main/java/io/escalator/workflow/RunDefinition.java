package io.escalator.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.escalator.run.Run;
import io.escalator.run.RunSpec;
import io.escalator.support.Json;

/** What a workflow needs of a run, whether it is only requested (a plan) or stored. */
public record RunDefinition(String workflow, String objective, JsonNode gates, JsonNode data) {

    public static RunDefinition of(RunSpec spec) {
        return new RunDefinition(spec.workflow(), spec.objective(), spec.gates(), spec.data());
    }

    public static RunDefinition of(Run run) {
        return new RunDefinition(run.workflow(), run.objective(), Json.readTree(run.gatesJson()),
                run.dataJson() == null ? JsonNodeFactory.instance.objectNode() : Json.readTree(run.dataJson()));
    }
}
