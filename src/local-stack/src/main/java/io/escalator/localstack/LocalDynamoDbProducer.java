package io.escalator.localstack;

import io.escalator.config.EscalatorConfig;
import io.escalator.dynamodb.local.EmbeddedDynamoDb;
import io.escalator.store.DynamoDbClients;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local stack's DynamoDB: a configured endpoint when there is one (real DynamoDB, or a DynamoDB Local you run),
 * otherwise DynamoDB Local started in process, its files under the data directory, so a restart keeps everything.
 */
@ApplicationScoped
public class LocalDynamoDbProducer {

    private static final Logger LOG = Logger.getLogger(LocalDynamoDbProducer.class);

    private volatile EmbeddedDynamoDb embedded;

    @Produces
    @Singleton
    DynamoDbClient dynamoDb(EscalatorConfig config) {
        EscalatorConfig.Store store = config.dynamodb();
        if (store.endpoint().isPresent() || !store.embedded()) {
            return DynamoDbClients.create(store.endpoint(), store.region());
        }
        if (store.inMemory()) {
            embedded = EmbeddedDynamoDb.startInMemory();
            LOG.infof("DynamoDB Local (in memory) at %s", embedded.endpoint());
        } else {
            Path directory = config.dataDir().resolve("dynamodb").toAbsolutePath();
            embedded = EmbeddedDynamoDb.startPersistent(directory);
            LOG.infof("DynamoDB Local at %s, data in %s", embedded.endpoint(), directory);
        }
        return DynamoDbClients.forLocal(embedded.endpoint(), store.region());
    }

    void close(@Disposes DynamoDbClient client) {
        client.close();
    }

    @PreDestroy
    void stopEmbedded() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
