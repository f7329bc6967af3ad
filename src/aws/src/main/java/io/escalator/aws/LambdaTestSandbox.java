package io.escalator.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.escalator.sandbox.JavaTestResult;
import io.escalator.sandbox.JavaTestRun;
import io.escalator.sandbox.TestSandbox;
import io.escalator.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Generated tests run by the runGate Lambda function ({@code src/gate-function}), invoked synchronously. Its role grants
 * nothing, so the code under test cannot reach any AWS resource, and this process's credentials never enter that
 * function. Its answer is what the child JVM sandbox gives locally.
 */
public final class LambdaTestSandbox implements TestSandbox {

    /**
     * How much longer than a run's own time limit the client waits for the function's answer: a cold start, compiling,
     * coverage, and, should the function itself run out of time, Lambda's error saying so (template.yaml gives runGate
     * a Timeout under the default limit plus this).
     */
    static final Duration ALLOWANCE = Duration.ofMinutes(2);
    /** What a function error keeps of an answer that is not Lambda's error document. */
    private static final int MAX_RAW_ERROR = 500;

    /** The timeout as ISO-8601 text ("PT30S"), which the function reads whatever its own mapper's defaults. */
    private static final ObjectWriter RUN_WRITER = Json.mapper().writerFor(JavaTestRun.class)
            .without(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    private static final ObjectReader RESULT_READER = Json.mapper().readerFor(JavaTestResult.class);

    private final LambdaClient lambda;
    private final String function;
    private final Duration longestRun;

    /**
     * @param lambda     a client that waits for an answer at least {@link #readTimeout(Duration) readTimeout(longestRun)}
     * @param function   the runGate function: its name, ARN or alias ARN
     * @param longestRun the longest time limit a run may have
     */
    public LambdaTestSandbox(LambdaClient lambda, String function, Duration longestRun) {
        this.lambda = lambda;
        this.function = function;
        this.longestRun = longestRun;
    }

    /** How long a client must wait for each answer when runs last up to {@code longestRun}. */
    public static Duration readTimeout(Duration longestRun) {
        return longestRun.plus(ALLOWANCE);
    }

    @Override
    public JavaTestResult run(JavaTestRun run) {
        if (run.timeout() != null && run.timeout().compareTo(longestRun) > 0) {
            throw new IllegalArgumentException("a test run in the runGate function may last " + longestRun
                    + " at most (escalator.sandbox.test-timeout), not " + run.timeout());
        }
        InvokeResponse response;
        try {
            response = lambda.invoke(b -> b.functionName(function)
                    .invocationType(InvocationType.REQUEST_RESPONSE)
                    .payload(SdkBytes.fromByteArray(payload(run))));
        } catch (SdkException e) {
            throw new GateFunctionException(function, "could not be invoked: " + e.getMessage(), e);
        }
        String answer = response.payload() == null ? "" : response.payload().asUtf8String();
        if (response.functionError() != null) {
            throw new GateFunctionException(function, "failed (" + response.functionError() + "): " + error(answer), null);
        }
        return result(answer);
    }

    private JavaTestResult result(String answer) {
        IOException unreadable = null;
        try {
            JavaTestResult result = RESULT_READER.readValue(answer);
            if (result != null) {
                return result;
            }
        } catch (IOException e) {
            unreadable = e;
        }
        throw new GateFunctionException(function, "answered with something other than a test result: "
                + abbreviate(answer), unreadable);
    }

    private static byte[] payload(JavaTestRun run) {
        try {
            return RUN_WRITER.writeValueAsBytes(run);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lambda's error document {@code {"errorType","errorMessage","stackTrace"}} as "type: message", never the trace. */
    private static String error(String answer) {
        try {
            JsonNode document = Json.mapper().readTree(answer);
            if (document != null && document.hasNonNull("errorMessage")) {
                String message = document.get("errorMessage").asText();
                return document.hasNonNull("errorType") ? document.get("errorType").asText() + ": " + message : message;
            }
        } catch (JsonProcessingException notJson) {
            // reported as it came
        }
        return abbreviate(answer);
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_RAW_ERROR ? text : text.substring(0, MAX_RAW_ERROR) + "…";
    }
}
