package io.escalator.functions;

/** A function's input is missing a field or has a wrong one; nothing was read or written. */
public class InvalidStepInputException extends RuntimeException {

    private final String field;

    public InvalidStepInputException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
