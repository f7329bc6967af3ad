package io.escalator.run;

import io.escalator.policy.Action;

/** The decision taken after an attempt, as recorded on it. */
public record AttemptDecision(Action action, String rule, String reason) {
}
