package io.escalator.store;

import io.escalator.config.EscalatorConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDB in AWS (or at a configured endpoint). The local stack replaces it with its embedded DynamoDB Local. */
public class DynamoDbClientProducer {

    @Produces
    @Singleton
    @DefaultBean
    DynamoDbClient dynamoDb(EscalatorConfig config) {
        return DynamoDbClients.create(config.dynamodb().endpoint(), config.dynamodb().region());
    }

    void close(@Disposes DynamoDbClient client) {
        client.close();
    }
}
