package io.escalator.engine;

import io.escalator.ladder.Ladder;
import io.escalator.quality.Gate;
import io.escalator.quality.Gates;
import io.escalator.run.Attempt;
import io.escalator.run.Item;
import io.escalator.run.Run;
import io.escalator.run.RunSnapshot;
import io.escalator.store.RunStore;
import io.escalator.support.Json;
import io.escalator.validation.FieldErrors;
import java.util.List;

/** A run as a step sees it: its stored snapshot and its gates, checked against the configured ladder. */
record RunState(RunSnapshot snapshot, List<Gate> gates) {

    static RunState load(RunStore store, String runId, Ladder ladder) {
        RunSnapshot snapshot = store.load(runId);
        if (!snapshot.run().ladderFingerprint().equals(ladder.fingerprint())) {
            throw new LadderChangedException(runId);
        }
        List<Gate> gates = Gates.parse(Json.readTree(snapshot.run().gatesJson()), "gates", new FieldErrors());
        return new RunState(snapshot, gates);
    }

    Run run() {
        return snapshot.run();
    }

    List<Attempt> attemptsOf(Item item) {
        return snapshot.attemptsOf(item.id());
    }
}
