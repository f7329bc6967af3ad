package io.escalator.model.retry;

import java.time.Duration;
import java.util.Locale;

/**
 * A model call that got no usable response after all the tries it was allowed: the last fault, how many tries were
 * made, how long they took with the waits between them, and why no further try was made.
 */
public final class FailedModelCall extends RuntimeException {

    /** Why the tries ended. */
    public enum Stop {
        /** The fault would recur: a bad request, a bad key, an unknown model. */
        NOT_RETRYABLE,
        /** Every retry allowed was made. */
        RETRIES_USED_UP,
        /** The provider asked for a longer wait than the policy waits. */
        RETRY_AFTER_TOO_LONG,
        /** The next try would have started after the call's retry time. */
        OUT_OF_TIME,
        /** The thread was interrupted during a try or the wait before one. */
        INTERRUPTED
    }

    private final CallFault lastFault;
    private final int tries;
    private final Duration elapsed;
    private final Stop stop;
    private final Duration limit;

    FailedModelCall(CallFault lastFault, int tries, Duration elapsed, Stop stop, Duration limit) {
        super(lastFault.what(), null, false, false);
        this.lastFault = lastFault;
        this.tries = tries;
        this.elapsed = elapsed;
        this.stop = stop;
        this.limit = limit;
    }

    public CallFault lastFault() {
        return lastFault;
    }

    public int tries() {
        return tries;
    }

    public Duration elapsed() {
        return elapsed;
    }

    public Stop stop() {
        return stop;
    }

    /**
     * The tries in a few words, to follow the last fault in a reason: "4 tries over 3.2 s", "not retried",
     * "1 try; it asked to retry after 120 s, more than the 60 s waited at most".
     */
    public String triesSummary() {
        String tried = tries == 1 ? "1 try" : tries + " tries over " + seconds(elapsed) + " s";
        return switch (stop) {
            case NOT_RETRYABLE -> tries == 1 ? "not retried" : tried + ", the last not worth retrying";
            case RETRIES_USED_UP -> tried;
            case RETRY_AFTER_TOO_LONG -> tried + "; it asked to retry after "
                    + seconds(lastFault.retryAfter().orElse(Duration.ZERO)) + " s, more than the " + seconds(limit)
                    + " s waited at most";
            case OUT_OF_TIME -> tried + "; no time left to retry within " + seconds(limit) + " s";
            case INTERRUPTED -> tried + "; interrupted";
        };
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
