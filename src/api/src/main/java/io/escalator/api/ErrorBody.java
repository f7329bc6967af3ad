package io.escalator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.escalator.validation.FieldError;
import java.util.List;

/** Every error the API returns: what went wrong and, for bad requests, which fields. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorBody(String error, List<FieldError> details) {

    public static ErrorBody of(String error) {
        return new ErrorBody(error, List.of());
    }
}
