package io.escalator.ladder;

import java.util.Objects;

/** A credential. Its text is only handed out by {@link #reveal()}; printing it shows a mask. */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }
}
