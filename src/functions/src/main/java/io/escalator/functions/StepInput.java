package io.escalator.functions;

/** A function's input: {@link #validate()} refuses it, naming the field, before the function does anything. */
public interface StepInput {

    /** @throws InvalidStepInputException naming the first field that is missing or wrong */
    void validate();

    /** The value of a required text field. */
    static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidStepInputException(field, "is missing or blank");
        }
        return value;
    }
}
