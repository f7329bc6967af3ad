package io.escalator.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.engine.RunService;
import io.escalator.store.RunNotFoundException;
import io.escalator.support.Json;
import io.quarkus.funqy.lambda.FunqyLambdaBindingRecorder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The functions' Lambda handler around Funqy's real dispatch of the exported function (the part of
 * {@code FunqyStreamHandler} that runs after Quarkus has started; the tests' default application exports estimate):
 * a function's exception must reach Lambda as itself, since its type is the error name the state machine's Retry and
 * Catch match.
 */
@QuarkusTest
@WithTestResource(FunctionsTestEnvironment.class)
class LambdaHandlerTest {

    private final UnwrappingFunqyHandler handler = new UnwrappingFunqyHandler(FunqyLambdaBindingRecorder::handle);

    @Inject
    RunService runs;

    @Test
    void aFunctionsOutputIsWrittenAsFunqyWritesIt() throws IOException {
        String runId = runs.create(RunRequests.prompt("What is 6 times 7?")).id();

        String output = invoke("{\"runId\": \"" + runId + "\"}");

        assertThat(Json.readTree(output).get("runId").asText()).isEqualTo(runId);
        assertThat(Json.readTree(output).get("approvalRequired").asBoolean()).isFalse();
    }

    @Test
    void aFunctionsExceptionReachesLambdaAsItselfNotWrappedByFunqy() {
        assertThatThrownBy(() -> invoke("{\"runId\": \" \"}"))
                .isExactlyInstanceOf(InvalidStepInputException.class)
                .hasMessage("runId: is missing or blank");
        assertThatThrownBy(() -> invoke("{\"runId\": \"no-such-run\"}"))
                .isExactlyInstanceOf(RunNotFoundException.class);
    }

    private String invoke(String event) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        // No Lambda context: the functions do not read it.
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output, null);
        return output.toString(StandardCharsets.UTF_8);
    }
}
