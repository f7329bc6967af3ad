package io.escalator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalator.api.auth.RunAccess;
import io.escalator.engine.ResolutionService;
import io.escalator.run.Resolution;
import io.escalator.run.Run;
import io.escalator.validation.FieldErrors;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** A person's decision on a run the top tier could not finish (NEEDS_HUMAN): its owner's, or an admin's. */
@Path("/runs/{id}/resolution")
@Produces(MediaType.APPLICATION_JSON)
public class ResolutionResource {

    private static final String ACTIONS = Arrays.stream(Resolution.Action.values()).map(Resolution.Action::value)
            .collect(Collectors.joining(", "));

    private final ResolutionService resolutions;
    private final RunAccess access;

    public ResolutionResource(ResolutionService resolutions, RunAccess access) {
        this.resolutions = resolutions;
        this.access = access;
    }

    public record ResolutionAnswer(String runId, String status, String action) {
    }

    /** {@code {"action": "accept-partial" | "retry-top-tier" | "abort", "comment": "..."}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public ResolutionAnswer resolve(@PathParam("id") String id, JsonNode body) {
        FieldErrors errors = new FieldErrors();
        if (body == null || !body.isObject()) {
            errors.add("body", "must be a JSON object with \"action\" (" + ACTIONS + ") and an optional \"comment\"");
            errors.throwIfAny();
        }
        Optional<Resolution.Action> action = Resolution.Action.of(body.path("action").asText(""));
        if (action.isEmpty()) {
            errors.add("action", "is required and must be one of: " + ACTIONS);
        }
        JsonNode comment = body.get("comment");
        if (comment != null && !comment.isNull() && !comment.isTextual()) {
            errors.add("comment", "must be a string");
        }
        errors.throwIfAny();
        access.requireVisible(id);
        Run run = resolutions.resolve(id, action.orElseThrow(), comment == null || comment.isNull() ? null : comment.asText());
        return new ResolutionAnswer(run.id(), run.status().name(), action.get().value());
    }
}
