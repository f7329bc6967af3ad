package io.escalator.gate;

import java.util.List;

/** The function's input is missing a field or has a wrong one; nothing was compiled or run. */
public class InvalidGateInputException extends IllegalArgumentException {

    InvalidGateInputException(List<String> problems) {
        super("invalid test run: " + String.join("; ", problems));
    }
}
