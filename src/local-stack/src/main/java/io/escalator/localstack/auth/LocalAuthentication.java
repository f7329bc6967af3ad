package io.escalator.localstack.auth;

import io.escalator.config.EscalatorConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * How the local stack authenticates its callers, settled before it starts: with its bearer tokens, or (only when
 * {@code escalator.auth.disabled} says so) not at all. With neither a token nor that setting it refuses to start, with
 * one line saying what to set; Quarkus prints a {@link ConfigurationException}'s message alone.
 */
@Singleton
public class LocalAuthentication {

    static final String NO_TOKEN = "No API token: set ESCALATOR_AUTH_TOKEN (for example export ESCALATOR_AUTH_TOKEN="
            + "$(openssl rand -hex 32)) and send it as 'Authorization: Bearer <token>', or set ESCALATOR_AUTH_DISABLED=true"
            + " to run without authentication (development only).";

    private static final Logger LOG = Logger.getLogger(LocalAuthentication.class);

    private final boolean disabled;
    private final boolean tokenIgnored;
    private final LocalTokens tokens;

    LocalAuthentication(EscalatorConfig config) {
        EscalatorConfig.Auth auth = config.auth();
        this.disabled = auth.disabled();
        this.tokenIgnored = auth.disabled() && (auth.token().isPresent() || !auth.tokens().isEmpty());
        try {
            this.tokens = LocalTokens.of(auth);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("escalator.auth: " + e.getMessage());
        }
        if (!disabled && tokens.isEmpty()) {
            throw new ConfigurationException(NO_TOKEN);
        }
    }

    /** Every caller is the admin {@code anonymous}. */
    public boolean disabled() {
        return disabled;
    }

    public LocalTokens tokens() {
        return tokens;
    }

    /** Before anything else starts: the check is this bean's construction. */
    void checkAtStartup(@Observes @Priority(1) StartupEvent event) {
        if (disabled) {
            LOG.warn("""

                    ****************************************************************************************
                    AUTHENTICATION IS DISABLED (ESCALATOR_AUTH_DISABLED=true). Anyone who reaches this stack
                    can start runs that spend money on model calls, and read, approve and resolve every run.
                    Development only: set ESCALATOR_AUTH_TOKEN and remove ESCALATOR_AUTH_DISABLED.%s
                    ****************************************************************************************"""
                    .formatted(tokenIgnored ? "\nThe configured token(s) are ignored while it is disabled." : ""));
        }
    }
}
