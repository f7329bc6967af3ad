package io.escalator.workflow;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The workflows this engine runs, by name. */
@ApplicationScoped
public class Workflows {

    private final Map<String, Workflow> byName;

    public Workflows(@All List<Workflow> workflows) {
        this.byName = workflows.stream().collect(Collectors.toMap(Workflow::name, Function.identity()));
    }

    public Optional<Workflow> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The workflow of a stored run (its name was checked when the run was requested). */
    public Workflow of(String name) {
        return named(name).orElseThrow(() -> new IllegalStateException("no workflow named " + name + " in this engine"));
    }

    /** Why a request naming no workflow of this engine is refused, naming those it has. */
    public String unknown(String name) {
        return "unknown workflow '" + name + "'; known workflows: " + String.join(", ", names());
    }

    public List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }
}
