package io.escalator.store;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the engine's DynamoDB client: the URL-connection HTTP client (small, quick to start in a Lambda). */
public final class DynamoDbClients {

    private DynamoDbClients() {
    }

    /** A client for AWS, or for a given endpoint, with the default credential chain. */
    public static DynamoDbClient create(Optional<URI> endpoint, String region) {
        return create(endpoint, region, DefaultCredentialsProvider.builder().build());
    }

    /** A client for a DynamoDB Local the engine started itself; it accepts any credentials. */
    public static DynamoDbClient forLocal(URI endpoint, String region) {
        return create(Optional.of(endpoint), region,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    }

    private static DynamoDbClient create(Optional<URI> endpoint, String region, AwsCredentialsProvider credentials) {
        var builder = DynamoDbClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
