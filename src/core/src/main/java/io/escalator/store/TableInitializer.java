package io.escalator.store;

import io.escalator.config.EscalatorConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Creates the table at start-up where configuration asks for it (the local stack), or adds the indexes a table of an
 * older version lacks, so an existing data directory keeps working; in AWS the template owns the table.
 */
public class TableInitializer {

    void createTable(@Observes @Priority(20) StartupEvent event, EscalatorConfig config, DynamoDbClient client) {
        if (config.dynamodb().createTable()) {
            EscalatorTable.createOrUpgrade(client, config.dynamodb().table());
        }
    }
}
