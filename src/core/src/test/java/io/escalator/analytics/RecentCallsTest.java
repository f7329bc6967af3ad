package io.escalator.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.telemetry.CallRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The newest records over several workflows, read only as far as needed. */
class RecentCallsTest {

    private static final Instant T0 = Instant.parse("2100-03-01T10:00:00Z");

    /** A workflow's records at these seconds after T0, newest first, counting how many were read. */
    private static Stream<CallRecord> newestFirst(String workflow, AtomicInteger read, int... seconds) {
        Iterator<CallRecord> records = IntStream.of(seconds).boxed().sorted(Comparator.reverseOrder())
                .map(second -> new CallRecord(workflow, "run", "item-" + second, 1, 0, "generator", 0, "cheap", "m",
                        "openai", 1, 1, BigDecimal.ONE, 1, CallRecord.ANSWERED, 100, "SUCCEED", false, null,
                        T0.plusSeconds(second)))
                .toList().iterator();
        Iterator<CallRecord> counted = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public CallRecord next() {
                read.incrementAndGet();
                return records.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(counted, Spliterator.ORDERED), false);
    }

    @Test
    void takesTheNewestRecordsOfEveryWorkflowTogetherAndReadsLittleMore() {
        AtomicInteger readA = new AtomicInteger();
        AtomicInteger readB = new AtomicInteger();

        RecentCalls recent = RecentCalls.newest(List.of(newestFirst("a", readA, 1, 4, 5, 9),
                newestFirst("b", readB, 2, 3, 7, 8)), 4);

        assertThat(recent.calls()).extracting(call -> call.at().getEpochSecond() - T0.getEpochSecond())
                .containsExactly(9L, 8L, 7L, 5L);
        assertThat(recent.limitReached()).isTrue();
        assertThat(readA.get() + readB.get()).isEqualTo(6);
    }

    @Test
    void readingEverythingIsNotReachingTheLimit() {
        RecentCalls recent = RecentCalls.newest(List.of(newestFirst("a", new AtomicInteger(), 1, 2),
                Stream.empty()), 2);

        assertThat(recent.calls()).hasSize(2);
        assertThat(recent.limitReached()).isFalse();
    }
}
