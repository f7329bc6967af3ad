package io.escalator.support;

import java.time.Duration;

/** Sleeping between tries: an interruption ends the wait and fails the work, with the thread's flag kept set. */
public final class Pause {

    private Pause() {
    }

    /** @param during what the pause is part of, for the exception if interrupted ("retrying a DynamoDB write") */
    public static void sleep(Duration duration, String during) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + during, e);
        }
    }
}
