package io.escalator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalator.api.auth.RunAccess;
import io.escalator.engine.ApprovalService;
import io.escalator.run.Run;
import io.escalator.validation.FieldErrors;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A person's answer to a run waiting for approval of its estimated cost: its owner's, or an admin's. */
@Path("/runs/{id}/approval")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalResource {

    private final ApprovalService approvals;
    private final RunAccess access;

    public ApprovalResource(ApprovalService approvals, RunAccess access) {
        this.approvals = approvals;
        this.access = access;
    }

    public record ApprovalAnswer(String runId, String status) {
    }

    /** {@code {"approve": true|false, "comment": "..."}}: approved, the run goes on; rejected, it is cancelled. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public ApprovalAnswer decide(@PathParam("id") String id, JsonNode body) {
        FieldErrors errors = new FieldErrors();
        if (body == null || !body.isObject()) {
            errors.add("body", "must be a JSON object with \"approve\" (true or false) and an optional \"comment\"");
            errors.throwIfAny();
        }
        if (!body.path("approve").isBoolean()) {
            errors.add("approve", "is required and must be true or false");
        }
        JsonNode comment = body.get("comment");
        if (comment != null && !comment.isNull() && !comment.isTextual()) {
            errors.add("comment", "must be a string");
        }
        errors.throwIfAny();
        access.requireVisible(id);
        Run run = approvals.decide(id, body.get("approve").booleanValue(),
                comment == null || comment.isNull() ? null : comment.asText());
        return new ApprovalAnswer(run.id(), run.status().name());
    }
}
