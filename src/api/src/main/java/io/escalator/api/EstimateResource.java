package io.escalator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalator.engine.RunPlan;
import io.escalator.engine.RunService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What a run would cost, before anything is stored or called: the same body as {@code POST /runs}. */
@Path("/estimate")
@Produces(MediaType.APPLICATION_JSON)
public class EstimateResource {

    private final RunService runs;

    public EstimateResource(RunService runs) {
        this.runs = runs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public RunPlan estimate(JsonNode body) {
        return runs.plan(runs.parse(body));
    }
}
