package io.escalator.ladder;

import java.util.Optional;

/** Reads a secret by its id, for ladder tiers that name their API key with {@code apiKeySecret}. */
@FunctionalInterface
public interface SecretLookup {

    /** Where there is no secret store: every {@code apiKeySecret} is an error that says so. */
    SecretLookup NONE = id -> {
        throw new IllegalStateException("no secret store is configured here (AWS Secrets Manager is used in the AWS "
                + "deployment); use apiKeyEnv on a laptop");
    };

    /** The secret's text, or empty when there is no such secret. */
    Optional<String> secret(String id);
}
