package io.escalator.model.retry;

import io.escalator.config.EscalatorConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How a model call retries its transient faults: at most {@code maxRetries} more tries, each after an exponential
 * backoff with full jitter (a random wait between zero and {@code initialDelay × 2^(retry - 1)}, capped at
 * {@code maxDelay}), or after the provider's {@code Retry-After} when that is longer. A Retry-After beyond
 * {@code maxRetryAfter} ends the call at once, and no retry starts later than {@code maxRetryTime} after the call
 * began, so a call lasts at most that plus one tier timeout.
 */
public record ModelRetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter,
                               Duration maxRetryTime) {

    /** One try, no retry: what the model client did before retries existed. */
    public static final ModelRetryPolicy NEVER = new ModelRetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO,
            Duration.ZERO);

    public ModelRetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(maxRetryTime, "maxRetryTime");
        if (maxRetries < 0 || initialDelay.isNegative() || maxDelay.isNegative() || maxRetryAfter.isNegative()
                || maxRetryTime.isNegative()) {
            throw new IllegalArgumentException("escalator.model-retry: counts and durations must not be negative");
        }
    }

    public static ModelRetryPolicy from(EscalatorConfig.ModelRetry config) {
        return new ModelRetryPolicy(config.maxRetries(), config.initialDelay(), config.maxDelay(),
                config.maxRetryAfter(), config.maxRetryTime());
    }

    /** The wait before retry number {@code retry} (1 for the first retry): full jitter over the capped exponential. */
    public Duration backoff(int retry, RandomGenerator random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries are numbered from 1");
        }
        long ceilingMillis = Math.min(maxDelay.toMillis(), exponentialMillis(retry));
        return Duration.ofMillis(ceilingMillis == 0 ? 0 : random.nextLong(ceilingMillis + 1));
    }

    private long exponentialMillis(int retry) {
        long initial = initialDelay.toMillis();
        // past 2^62 the product overflows; the cap (maxDelay) is far below that anyway
        return retry > 62 || initial > (Long.MAX_VALUE >> (retry - 1)) ? Long.MAX_VALUE : initial << (retry - 1);
    }
}
