package io.escalator.validation;

import java.util.List;

/** A request the engine refuses before doing anything. Carries every problem found, each naming its field. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        return errors.size() == 1
                ? "Invalid request: " + errors.getFirst().field() + ": " + errors.getFirst().message()
                : "Invalid request: " + errors.size() + " problems";
    }
}
