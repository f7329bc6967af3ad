package io.escalator.run;

/** One piece of work of a run: what the model is asked, under the run's objective. */
public record ItemSpec(String id, String input) {
}
