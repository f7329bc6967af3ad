package io.escalator.functions;

import java.time.Duration;

/** Durations as a Task's {@code TimeoutSecondsPath} takes them: whole seconds, from 1 to Step Functions' maximum. */
final class TaskTimeouts {

    /** The largest {@code TimeoutSeconds} Step Functions accepts (about three years). */
    static final long MAX_SECONDS = 99_999_999;

    private TaskTimeouts() {
    }

    static long seconds(Duration duration) {
        return Math.clamp(duration.toSeconds(), 1, MAX_SECONDS);
    }
}
