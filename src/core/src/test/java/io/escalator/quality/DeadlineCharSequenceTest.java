package io.escalator.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeadlineCharSequenceTest {

    private static final String TEXT = "abcdefghij".repeat(300);
    private static final long PASSED = System.nanoTime() - 1_000_000_000L;
    private static final long FAR_AHEAD = System.nanoTime() + 3_600_000_000_000L;

    @Test
    void passesTheTextThroughBeforeTheDeadline() {
        DeadlineCharSequence sequence = new DeadlineCharSequence(TEXT, FAR_AHEAD);

        for (int i = 0; i < 5_000; i++) {
            assertThat(sequence.charAt(i % TEXT.length())).isEqualTo(TEXT.charAt(i % TEXT.length()));
        }
        assertThat(sequence.length()).isEqualTo(TEXT.length());
        assertThat(sequence.toString()).isEqualTo(TEXT);
    }

    @Test
    void checksTheClockOnlyEveryThousandAndTwentyFourReads() {
        DeadlineCharSequence sequence = new DeadlineCharSequence(TEXT, PASSED);

        for (int i = 1; i < 1024; i++) {
            sequence.charAt(0);
        }

        assertThatThrownBy(() -> sequence.charAt(0)).isInstanceOf(DeadlineCharSequence.DeadlineExceeded.class);
    }

    @Test
    void aSubSequenceKeepsTheDeadline() {
        CharSequence sub = new DeadlineCharSequence(TEXT, PASSED).subSequence(10, 20);

        assertThat(sub).hasToString(TEXT.substring(10, 20));
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1024; i++) {
                sub.charAt(0);
            }
        }).isInstanceOf(DeadlineCharSequence.DeadlineExceeded.class);
    }
}
