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
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

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
        return localBuilder(endpoint, region).build();
    }

    /** What {@link #forLocal} builds, for a caller that adds to it (an interceptor, a retry strategy). */
    public static DynamoDbClientBuilder localBuilder(URI endpoint, String region) {
        return builder(region, StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(endpoint);
    }

    private static DynamoDbClient create(Optional<URI> endpoint, String region, AwsCredentialsProvider credentials) {
        var builder = builder(region, credentials);
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static DynamoDbClientBuilder builder(String region, AwsCredentialsProvider credentials) {
        return DynamoDbClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create());
    }
}
