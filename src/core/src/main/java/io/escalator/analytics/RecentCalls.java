package io.escalator.analytics;

import io.escalator.telemetry.CallRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.stream.Stream;

/**
 * The newest telemetry records of one or more workflows, at most {@code limit} of them.
 *
 * @param limitReached older records of the period were left unread
 */
public record RecentCalls(List<CallRecord> calls, boolean limitReached) {

    public RecentCalls {
        calls = List.copyOf(calls);
    }

    /**
     * Merges newest-first streams (one per workflow), taking the newest records first, so that only about
     * {@code limit} records are read however many workflows there are.
     */
    public static RecentCalls newest(List<Stream<CallRecord>> newestFirst, int limit) {
        PriorityQueue<Source> sources = new PriorityQueue<>(Comparator.comparing((Source source) -> source.head.at())
                .reversed());
        for (Stream<CallRecord> stream : newestFirst) {
            Source.of(stream.iterator()).ifPresent(sources::add);
        }
        List<CallRecord> calls = new ArrayList<>();
        while (!sources.isEmpty() && calls.size() < limit) {
            Source newest = sources.poll();
            calls.add(newest.head);
            newest.next().ifPresent(sources::add);
        }
        return new RecentCalls(calls, !sources.isEmpty());
    }

    /** A stream being merged, with the record it offers next. */
    private record Source(CallRecord head, Iterator<CallRecord> rest) {

        static Optional<Source> of(Iterator<CallRecord> records) {
            return records.hasNext() ? Optional.of(new Source(records.next(), records))
                    : Optional.empty();
        }

        Optional<Source> next() {
            return of(rest);
        }
    }
}
