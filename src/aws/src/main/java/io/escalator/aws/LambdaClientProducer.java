package io.escalator.aws;

import io.escalator.config.EscalatorConfig;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The Lambda client that invokes the runGate function: built on first use, so an application that runs its tests in
 * a child JVM never makes one. It waits for each answer longer than a test run may last.
 */
public class LambdaClientProducer {

    @Produces
    @Singleton
    LambdaClient lambda(EscalatorConfig config) {
        return AwsClients.build(LambdaClient.builder(), config,
                LambdaTestSandbox.readTimeout(config.sandbox().testTimeout()));
    }

    void close(@Disposes LambdaClient client) {
        client.close();
    }
}
