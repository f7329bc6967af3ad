package io.escalator.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts a DynamoDB client's calls and their time per operation, from the start of the SDK's execution to its end:
 * marshalling, the HTTP round trip to DynamoDB Local (and its work, in this JVM) and unmarshalling. A failed call
 * (a cancelled transaction, a failed condition) counts under its operation and as a failure.
 */
final class DynamoDbCalls implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("bench.started");

    /** Calls, failures and nanoseconds of one operation. */
    record Figures(long calls, long failures, long nanos) {
    }

    private final Map<String, LongAdder[]> byOperation = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(attributes, false);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(attributes, true);
    }

    private void record(ExecutionAttributes attributes, boolean failed) {
        Long started = attributes.getAttribute(STARTED);
        if (started == null) {
            return;
        }
        long nanos = System.nanoTime() - started;
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        LongAdder[] figures = byOperation.computeIfAbsent(operation,
                key -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()});
        figures[0].increment();
        if (failed) {
            figures[1].increment();
        }
        figures[2].add(nanos);
    }

    void reset() {
        byOperation.clear();
    }

    /** The figures so far, by operation name. */
    Map<String, Figures> snapshot() {
        Map<String, Figures> copy = new TreeMap<>();
        byOperation.forEach((operation, figures) -> copy.put(operation,
                new Figures(figures[0].sum(), figures[1].sum(), figures[2].sum())));
        return copy;
    }
}
