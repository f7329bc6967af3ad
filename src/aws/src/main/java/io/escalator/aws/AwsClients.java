package io.escalator.aws;

import io.escalator.config.EscalatorConfig;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** Every AWS client here: the region of the deployment, the default credentials (the function's role), URL connection. */
final class AwsClients {

    private AwsClients() {
    }

    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, EscalatorConfig config) {
        return build(builder, config, UrlConnectionHttpClient.builder());
    }

    /** A client whose calls may take long to answer: it waits up to {@code readTimeout} for each response. */
    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, EscalatorConfig config,
                                                                                        Duration readTimeout) {
        return build(builder, config, UrlConnectionHttpClient.builder().socketTimeout(readTimeout));
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, EscalatorConfig config, UrlConnectionHttpClient.Builder http) {
        return builder.region(Region.of(config.dynamodb().region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(http.build())
                .build();
    }
}
