package io.escalator.model.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ModelRetryPolicyTest {

    private static final ModelRetryPolicy POLICY = new ModelRetryPolicy(3, Duration.ofMillis(500),
            Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofMinutes(2));

    /** Always the largest value asked for: shows the ceiling of each wait. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    @Test
    void theCeilingOfEachWaitDoublesFromTheInitialDelayUpToTheMaximum() {
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(retry -> POLICY.backoff(retry, HIGHEST).toMillis()))
                .containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 20_000L, 20_000L);
    }

    @Test
    void eachWaitIsARandomShareOfItsCeilingFromZeroUp() {
        Random random = new Random(42);
        for (int retry = 1; retry <= 3; retry++) {
            long ceiling = 500L << (retry - 1);
            int finalRetry = retry;
            var waits = IntStream.range(0, 2_000).mapToLong(i -> POLICY.backoff(finalRetry, random).toMillis()).sorted().toArray();
            assertThat(waits[0]).isBetween(0L, ceiling / 50);
            assertThat(waits[waits.length - 1]).isBetween(ceiling - ceiling / 50, ceiling);
            // full jitter: uniform over [0, ceiling], so the median sits near the middle
            assertThat(waits[waits.length / 2]).isBetween(ceiling * 2 / 5, ceiling * 3 / 5);
        }
    }

    @Test
    void aVeryLateRetryNeitherOverflowsNorPassesTheMaximum() {
        assertThat(POLICY.backoff(1_000, HIGHEST)).isEqualTo(Duration.ofSeconds(20));
        assertThat(POLICY.backoff(63, HIGHEST)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void noDelayConfiguredMeansRetryingAtOnce() {
        assertThat(ModelRetryPolicy.NEVER.backoff(1, HIGHEST)).isZero();
    }

    @Test
    void negativeSettingsAndRetryZeroAreRefused() {
        assertThatThrownBy(() -> new ModelRetryPolicy(-1, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelRetryPolicy(1, Duration.ofMillis(-1), Duration.ZERO, Duration.ZERO,
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> POLICY.backoff(0, HIGHEST)).isInstanceOf(IllegalArgumentException.class);
    }
}
