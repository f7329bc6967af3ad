package io.escalator.testing;

import io.escalator.dynamodb.local.EmbeddedDynamoDb;
import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Gives tests a {@link DynamoDbLocal} parameter, in test and lifecycle methods and constructors.
 *
 * <p>The first test that asks starts one in-memory {@link EmbeddedDynamoDb}; every later test of the
 * run shares it. It lives in JUnit's root store, which stops it when the whole run ends.
 *
 * <pre>{@code
 * @ExtendWith(DynamoDbLocalExtension.class)
 * class RepositoryTest {
 *     @Test
 *     void storesAnItem(DynamoDbLocal dynamoDb) {
 *         String table = dynamoDb.uniqueTableName("items");
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class DynamoDbLocalExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DynamoDbLocalExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == DynamoDbLocal.class;
    }

    /** One {@link DynamoDbLocal} per extension context, so table names stay stable within a test. */
    @Override
    public DynamoDbLocal resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        SharedServer shared = extensionContext.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(SharedServer.class, key -> SharedServer.start(), SharedServer.class);
        // Keyed by unique id: a plain key would also find the value stored in a parent context.
        return extensionContext.getStore(NAMESPACE).computeIfAbsent(
                extensionContext.getUniqueId(),
                key -> new DynamoDbLocal(shared.server().endpoint(), shared.client(), scopeName(extensionContext)),
                DynamoDbLocal.class);
    }

    private static String scopeName(ExtensionContext context) {
        String className = context.getRequiredTestClass().getSimpleName();
        return context.getTestMethod().map(Method::getName).map(method -> className + "-" + method).orElse(className);
    }

    private record SharedServer(EmbeddedDynamoDb server, DynamoDbClient client) implements AutoCloseable {

        static SharedServer start() {
            EmbeddedDynamoDb server = EmbeddedDynamoDb.startInMemory();
            DynamoDbClient client = DynamoDbClient.builder()
                    .endpointOverride(server.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
            return new SharedServer(server, client);
        }

        @Override
        public void close() {
            try (server) {
                client.close();
            }
        }
    }
}
