package io.escalator.functions;

import io.escalator.engine.DecideStep.DecideResult;
import io.escalator.engine.DecideStep.Next;

/** Output of decide. @param next {@code EXECUTE} (items are still open) or {@code FINALIZE} */
public record DecideOutput(String runId, Next next) {

    static DecideOutput of(DecideResult result) {
        return new DecideOutput(result.runId(), result.next());
    }
}
