package io.escalator.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SignalsTest {

    @Test
    void theFailureRateIsTheShareOfChecksNotPassed() {
        assertThat(new Signals(0, 0.75, null, null, null).failureRate()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void nothingCheckedIsNoFailure() {
        assertThat(new Signals(0, null, null, null, null).failureRate()).isZero();
    }

    @Test
    void withConfidenceReplacesOnlyTheConfidence() {
        Signals signals = new Signals(2, 0.5, 0.4, 3.0, null);

        assertThat(signals.withConfidence(0.9)).isEqualTo(new Signals(2, 0.5, 0.4, 3.0, 0.9));
    }
}
