package io.escalator.ladder;

import java.util.List;

/** A ladder file that cannot be used. Lists every problem found, not just the first. */
public class InvalidLadderException extends RuntimeException {

    private final List<String> errors;

    public InvalidLadderException(String source, List<String> errors) {
        super("Ladder " + source + " is invalid (" + errors.size() + (errors.size() == 1 ? " error" : " errors") + "):\n  - "
                + String.join("\n  - ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
