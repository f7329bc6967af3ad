package io.escalator.run;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/** A person's decision on a run that needs one (NEEDS_HUMAN). */
public record Resolution(Action action, String comment, Instant at) {

    public enum Action {
        /** Keep what succeeded; the rest stays unresolved, and the run is done. */
        ACCEPT_PARTIAL("accept-partial"),
        /** One more attempt on the top tier for every item that needs a person, within the budget. */
        RETRY_TOP_TIER("retry-top-tier"),
        /** Stop here: the run is cancelled. */
        ABORT("abort");

        private final String value;

        Action(String value) {
            this.value = value;
        }

        /** The name used in requests and in the state machine. */
        @JsonValue
        public String value() {
            return value;
        }

        public static Optional<Action> of(String value) {
            return Arrays.stream(values()).filter(action -> action.value.equals(value)).findFirst();
        }
    }
}
