package io.escalator.api;

import io.escalator.config.EscalatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Ready when the run table answers. */
@Readiness
@ApplicationScoped
public class StoreHealthCheck implements HealthCheck {

    private final DynamoDbClient client;
    private final String table;

    public StoreHealthCheck(DynamoDbClient client, EscalatorConfig config) {
        this.client = client;
        this.table = config.dynamodb().table();
    }

    @Override
    public HealthCheckResponse call() {
        try {
            String status = client.describeTable(b -> b.tableName(table)).table().tableStatusAsString();
            return HealthCheckResponse.named("dynamodb").up().withData("table", table).withData("status", status).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("dynamodb").down().withData("table", table)
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
