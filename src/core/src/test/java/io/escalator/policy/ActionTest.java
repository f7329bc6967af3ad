package io.escalator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActionTest {

    @Test
    void onlyRetryAndEscalateKeepAnItemOpen() {
        assertThat(Action.values()).filteredOn(action -> !action.isTerminal())
                .containsExactlyInAnyOrder(Action.RETRY, Action.ESCALATE);
    }

    @Test
    void anAnsweredOutcomeHasNoModelFailure() {
        assertThat(AttemptOutcome.answered(1, 50, 0.5, 2)).isEqualTo(new AttemptOutcome(1, 50, 0.5, 2, null));
    }
}
