package io.escalator.store;

import io.escalator.config.EscalatorConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Creates the table at start-up where configuration asks for it (the local stack); in AWS the template owns it. */
public class TableInitializer {

    void createTable(@Observes @Priority(20) StartupEvent event, EscalatorConfig config, DynamoDbClient client) {
        if (config.dynamodb().createTable()) {
            EscalatorTable.createIfMissing(client, config.dynamodb().table());
        }
    }
}
