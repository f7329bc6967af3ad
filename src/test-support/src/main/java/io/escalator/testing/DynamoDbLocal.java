package io.escalator.testing;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A test's view of the DynamoDB Local server that {@link DynamoDbLocalExtension} shares among all
 * tests of the JVM.
 *
 * <p>Because every test sees the same server, tests keep out of each other's way by working only in
 * tables named by {@link #uniqueTableName(String)}.
 */
public final class DynamoDbLocal {

    private static final int MAX_TABLE_NAME_LENGTH = 255;
    private static final AtomicLong SCOPE_NUMBERS = new AtomicLong();

    private final URI endpoint;
    private final DynamoDbClient client;
    private final String scope;

    DynamoDbLocal(URI endpoint, DynamoDbClient client, String scope) {
        this.endpoint = endpoint;
        this.client = client;
        this.scope = legalTableNameCharacters(scope) + "-" + SCOPE_NUMBERS.incrementAndGet();
    }

    /** The server's HTTP endpoint, {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * A client for the server (region us-east-1, credentials local/local). It is shared by all tests:
     * do not close it.
     */
    public DynamoDbClient client() {
        return client;
    }

    /**
     * A table name made of {@code base}, the test class and method, and a number unique in this JVM.
     * It is the same for every call with the same {@code base} within one test method (including its
     * {@code @BeforeEach} and {@code @AfterEach}), or within one class when asked from {@code @BeforeAll}.
     */
    public String uniqueTableName(String base) {
        String name = legalTableNameCharacters(base) + "-" + scope;
        return name.length() <= MAX_TABLE_NAME_LENGTH ? name : name.substring(name.length() - MAX_TABLE_NAME_LENGTH);
    }

    private static String legalTableNameCharacters(String text) {
        return text.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
