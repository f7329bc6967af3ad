package io.escalator.telemetry;

import io.escalator.config.EscalatorConfig;
import io.escalator.ladder.SecretLookup;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The key from the secret store ({@code user-id-key-secret}, in AWS), else the configured key, else (the application
 * providing none of its own, as the local stack does) a random key for this process: user ids are then still never
 * stored in clear, only their hashes stop matching after a restart.
 */
public class UserIdHasherProducer {

    private static final Logger LOG = Logger.getLogger(UserIdHasherProducer.class);

    @Produces
    @Singleton
    @DefaultBean
    UserIdHasher userIdHasher(EscalatorConfig config, Instance<SecretLookup> secrets) {
        Optional<String> secretId = config.telemetry().userIdKeySecret();
        if (secretId.isPresent()) {
            SecretLookup lookup = secrets.isResolvable() ? secrets.get() : SecretLookup.NONE;
            return new UserIdHasher(lookup.secret(secretId.get())
                    .orElseThrow(() -> new IllegalStateException("the user id key secret " + secretId.get()
                            + " does not exist"))
                    .getBytes(StandardCharsets.UTF_8));
        }
        return config.telemetry().userIdKey()
                .map(key -> new UserIdHasher(key.getBytes(StandardCharsets.UTF_8)))
                .orElseGet(() -> {
                    LOG.warn("escalator.telemetry.user-id-key is not set: user ids are hashed with a key made for this"
                            + " process, so their hashes will not match those of other processes or restarts");
                    byte[] key = new byte[32];
                    new SecureRandom().nextBytes(key);
                    return new UserIdHasher(key);
                });
    }
}
