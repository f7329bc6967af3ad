package io.escalator.aws;

import io.escalator.config.EscalatorConfig;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The Step Functions client: built on first use, so an application that never starts an execution never makes one. */
public class SfnClientProducer {

    @Produces
    @Singleton
    SfnClient sfn(EscalatorConfig config) {
        var builder = SfnClient.builder();
        config.stepFunctions().endpoint().ifPresent(builder::endpointOverride);
        return AwsClients.build(builder, config);
    }

    void close(@Disposes SfnClient client) {
        client.close();
    }
}
