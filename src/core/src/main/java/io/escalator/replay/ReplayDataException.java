package io.escalator.replay;

/** A dataset or replay input that cannot be used, with a message meant for the person who gave it. */
public class ReplayDataException extends RuntimeException {

    public ReplayDataException(String message) {
        super(message);
    }

    public ReplayDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
