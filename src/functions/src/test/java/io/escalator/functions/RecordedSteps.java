package io.escalator.functions;

import io.escalator.engine.StepListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The steps the local driver started, per run, in order: the path the state machine's must equal. */
@ApplicationScoped
public class RecordedSteps implements StepListener {

    private final Map<String, List<String>> steps = new ConcurrentHashMap<>();

    @Override
    public void stepStarted(String runId, String step) {
        steps.computeIfAbsent(runId, id -> new CopyOnWriteArrayList<>()).add(step);
    }

    public List<String> of(String runId) {
        return List.copyOf(steps.getOrDefault(runId, List.of()));
    }
}
