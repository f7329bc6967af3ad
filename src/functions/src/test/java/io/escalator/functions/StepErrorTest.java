package io.escalator.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepErrorTest {

    @Test
    void aLambdaErrorGivesItsNameAndTheFirstLineOfItsMessageWithoutTheStackTrace() {
        StepError error = new StepError("io.escalator.store.RunNotFoundException", """
                {"errorMessage":"no run with id r-1\\nmore detail","errorType":"io.escalator.store.RunNotFoundException",\
                "stackTrace":["io.escalator.store.RunStore.load(RunStore.java:147)"]}""");

        assertThat(error.failureReason()).isEqualTo("io.escalator.store.RunNotFoundException: no run with id r-1");
    }

    @Test
    void aPlainTextCauseGivesItsFirstLine() {
        StepError error = new StepError("Sandbox.Timedout", "Task timed out after 900.00 seconds\n  at somewhere");

        assertThat(error.failureReason()).isEqualTo("Sandbox.Timedout: Task timed out after 900.00 seconds");
    }

    @Test
    void anErrorWithoutCauseIsItsName() {
        assertThat(new StepError("States.Timeout", null).failureReason()).isEqualTo("States.Timeout");
        assertThat(new StepError(null, null).failureReason()).isEqualTo("unknown error");
    }

    @Test
    void aLongMessageIsCut() {
        String reason = new StepError("States.TaskFailed", "x".repeat(2_000)).failureReason();

        assertThat(reason).hasSize(StepError.MAX_REASON_LENGTH).startsWith("States.TaskFailed: xxx").endsWith("…");
    }
}
