package io.escalator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.escalator.validation.FieldError;
import java.util.List;

/**
 * Every error the API returns: what went wrong, for bad requests which fields, and for a request that does not fit
 * a run's state (409) the run's current status.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorBody(String error, List<FieldError> details, String status) {

    public static ErrorBody of(String error) {
        return new ErrorBody(error, List.of(), null);
    }

    public static ErrorBody of(String error, List<FieldError> details) {
        return new ErrorBody(error, details, null);
    }
}
