package io.escalator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalator.retention.CleanupService;
import io.escalator.retention.CleanupService.CleanupReport;
import io.escalator.validation.FieldErrors;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Iterator;
import java.util.Set;

/** Jobs an operator runs by hand; the same ones also run on their schedule. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    private static final Set<String> CLEANUP_FIELDS = Set.of("olderThanDays", "telemetryOlderThanDays");

    private final CleanupService cleanup;

    public JobsResource(CleanupService cleanup) {
        this.cleanup = cleanup;
    }

    /**
     * The retention job now: {@code {"olderThanDays": n, "telemetryOlderThanDays": m}}, both optional (the configured
     * retention), or no body at all.
     */
    @POST
    @Path("cleanup")
    @Consumes(MediaType.APPLICATION_JSON)
    public CleanupReport cleanup(JsonNode body) {
        FieldErrors errors = new FieldErrors();
        if (body != null && !body.isNull() && !body.isObject()) {
            errors.add("body", "must be a JSON object such as {\"olderThanDays\": 30}");
            errors.throwIfAny();
        }
        Integer runDays = days(body, "olderThanDays", errors);
        Integer telemetryDays = days(body, "telemetryOlderThanDays", errors);
        if (body != null) {
            for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!CLEANUP_FIELDS.contains(name)) {
                    errors.add(name, "is not a field of a cleanup; its fields: olderThanDays, telemetryOlderThanDays");
                }
            }
        }
        errors.throwIfAny();
        return cleanup.clean(runDays, telemetryDays);
    }

    private static Integer days(JsonNode body, String field, FieldErrors errors) {
        JsonNode value = body == null ? null : body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            errors.add(field, "must be a whole number of days, was " + value);
            return null;
        }
        if (value.intValue() < 0) {
            errors.add(field, "must be 0 or more, was " + value.intValue());
            return null;
        }
        return value.intValue();
    }
}
