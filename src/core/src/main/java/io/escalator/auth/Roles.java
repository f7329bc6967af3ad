package io.escalator.auth;

/** The roles a caller of the API may hold, whichever way it was authenticated. */
public final class Roles {

    /** Sees and acts on every run, and may read analytics and run jobs. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
