package io.escalator.ladder;

/** The running ladder's file changed, or went away, after the process started: it no longer describes that ladder. */
public class LadderFileChangedException extends RuntimeException {

    public LadderFileChangedException(String source, String why) {
        super("the ladder file " + source + " changed since the stack started: " + why
                + "; restart the stack (or restore the file) to use it");
    }
}
