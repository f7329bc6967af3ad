package io.escalator.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.store.DynamoDbClients;
import jakarta.interceptor.InvocationContext;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** What every function does at the Lambda boundary, around a function body. */
class LambdaBoundaryInterceptorTest {

    private final LambdaBoundaryInterceptor boundary = new LambdaBoundaryInterceptor();

    @Test
    void aStoreThatRefusesConnectionsLeavesAsTheTransientStepError() throws IOException {
        URI nothingListening = URI.create("http://127.0.0.1:" + freeLoopbackPort());
        try (DynamoDbClient store = DynamoDbClients.forLocal(nothingListening, "us-east-1")) {

            assertThatThrownBy(() -> boundary.guard(new Invocation(new RunStepInput("run-1"),
                    () -> store.describeTable(table -> table.tableName("escalator")))))
                    .isExactlyInstanceOf(TransientStepException.class)
                    .hasCauseInstanceOf(SdkClientException.class);
        }
    }

    @Test
    void aRequestTheStoreRefusedOnItsMeritsLeavesAsItIs() {
        ConditionalCheckFailedException refused = ConditionalCheckFailedException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ConditionalCheckFailedException").build()).build();

        assertThatThrownBy(() -> boundary.guard(new Invocation(new RunStepInput("run-1"), () -> {
            throw refused;
        }))).isSameAs(refused);
    }

    @Test
    void theInputIsCheckedBeforeTheFunctionDoesAnything() {
        AtomicBoolean ran = new AtomicBoolean();

        assertThatThrownBy(() -> boundary.guard(new Invocation(new ApprovalTokenInput("run-1", " ", "APPROVAL"),
                () -> ran.getAndSet(true))))
                .isExactlyInstanceOf(InvalidStepInputException.class)
                .hasMessage("taskToken: is missing or blank");
        assertThat(ran).isFalse();
    }

    @Test
    void noInputAtAllIsRefused() {
        assertThatThrownBy(() -> boundary.guard(new Invocation(null, () -> "never")))
                .isExactlyInstanceOf(InvalidStepInputException.class)
                .hasMessage("input: is missing: expected a JSON object");
    }

    @Test
    void aValidInputRunsTheFunction() throws Exception {
        assertThat(boundary.guard(new Invocation(new CleanupInput(null, null), () -> "cleaned"))).isEqualTo("cleaned");
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A call of a one-parameter function, as the container hands it to the interceptor. */
    private record Invocation(Object input, Callable<Object> body) implements InvocationContext {

        @Override
        public Object[] getParameters() {
            return new Object[] {input};
        }

        @Override
        public Object proceed() throws Exception {
            return body.call();
        }

        @Override
        public Object getTarget() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object getTimer() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Method getMethod() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Constructor<?> getConstructor() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setParameters(Object[] parameters) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Object> getContextData() {
            throw new UnsupportedOperationException();
        }
    }
}
