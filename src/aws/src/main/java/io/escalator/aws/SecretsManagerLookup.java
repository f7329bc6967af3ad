package io.escalator.aws;

import io.escalator.config.EscalatorConfig;
import io.escalator.ladder.SecretLookup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** Model API keys from AWS Secrets Manager ({@code apiKeySecret} in the ladder), read with the function's role. */
@ApplicationScoped
public class SecretsManagerLookup implements SecretLookup {

    private final EscalatorConfig config;

    public SecretsManagerLookup(EscalatorConfig config) {
        this.config = config;
    }

    @Override
    public Optional<String> secret(String id) {
        try (SecretsManagerClient client = AwsClients.build(SecretsManagerClient.builder(), config)) {
            return Optional.ofNullable(client.getSecretValue(b -> b.secretId(id)).secretString());
        } catch (ResourceNotFoundException missing) {
            return Optional.empty();
        }
    }
}
