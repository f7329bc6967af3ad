package io.escalator.functions;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A test profile exporting one function, as {@code QUARKUS_FUNQY_EXPORT} does for each Lambda. */
public abstract class ExportedFunction implements QuarkusTestProfile {

    /** The function's name, as the state machine and the template know it. */
    protected abstract String function();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", function());
    }
}
