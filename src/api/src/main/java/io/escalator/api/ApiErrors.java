package io.escalator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.escalator.engine.RunStateConflictException;
import io.escalator.ladder.LadderFileChangedException;
import io.escalator.store.RunNotFoundException;
import io.escalator.support.Json;
import io.escalator.validation.FieldError;
import io.escalator.validation.InvalidRequestException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps failures to JSON errors: 4xx naming what was wrong, 5xx with a reference to the log and never a stack trace. */
public class ApiErrors {

    private static final Logger LOG = Logger.getLogger(ApiErrors.class);

    @ServerExceptionMapper
    public RestResponse<ErrorBody> invalidRequest(InvalidRequestException e) {
        return error(Response.Status.BAD_REQUEST, ErrorBody.of("invalid request: " + e.errors().stream()
                .map(FieldError::field).distinct().collect(Collectors.joining(", ")), e.errors()));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> runNotFound(RunNotFoundException e) {
        return error(Response.Status.NOT_FOUND, ErrorBody.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> conflict(RunStateConflictException e) {
        return error(Response.Status.CONFLICT, new ErrorBody(e.getMessage(), List.of(), e.status().name()));
    }

    /** The ladder file was edited after start-up: a suggestion from it would not be for the ladder running. */
    @ServerExceptionMapper
    public RestResponse<ErrorBody> ladderFileChanged(LadderFileChangedException e) {
        return error(Response.Status.CONFLICT, ErrorBody.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> malformedJson(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPathReference() : "body";
        String message = "malformed JSON: " + Json.describe(e);
        return error(Response.Status.BAD_REQUEST,
                ErrorBody.of("invalid request: " + field, List.of(new FieldError(field, message))));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        Response response = e.getResponse();
        String message = e.getMessage() == null || e.getMessage().isBlank()
                ? "HTTP " + response.getStatus() + " " + response.getStatusInfo().getReasonPhrase() : e.getMessage();
        return error(Response.Status.fromStatusCode(response.getStatus()), ErrorBody.of(message));
    }

    /**
     * An error response, JSON whatever the Accept header asked for: an endpoint that also produces text or HTML (the
     * report) would otherwise write the body in the request's type.
     */
    private static RestResponse<ErrorBody> error(Response.Status status, ErrorBody body) {
        return RestResponse.ResponseBuilder.create(status, body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public RestResponse<ErrorBody> unexpected(Exception e) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, reference %s", reference);
        return error(Response.Status.INTERNAL_SERVER_ERROR,
                ErrorBody.of("internal error; reference " + reference + " in the server log"));
    }
}
