package io.escalator.store;

import io.escalator.support.Digests;
import io.escalator.support.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How one filtered listing reads the table: the index whose partition holds the filter's owner, else its status, else
 * its workflow, else all runs; the creation time range as a range of that index's sort keys ({@code createdAt#id}),
 * from {@code fromSortKey} inclusive to {@code beforeSortKey} exclusive ({@code null} for an open end); and the status
 * and workflow, each checked on read when the index read is not its own.
 */
record RunListingQuery(RunFilter filter, RunIndex index, String partition, String fromSortKey, String beforeSortKey) {

    static RunListingQuery of(RunFilter filter) {
        // A bound is the bound's time with an empty run id: it sorts before every run created at that very time.
        String from = filter.since() == null ? null : RunEntity.timeOrder(filter.since(), "");
        String before = filter.until() == null ? null : RunEntity.timeOrder(filter.until(), "");
        if (filter.ownerHash() != null) {
            return new RunListingQuery(filter, RunIndex.BY_OWNER, Keys.owner(filter.ownerHash()), from, before);
        }
        if (filter.status() != null) {
            return new RunListingQuery(filter, RunIndex.BY_STATUS, Keys.status(filter.status().name()), from, before);
        }
        if (filter.workflow() != null) {
            return new RunListingQuery(filter, RunIndex.BY_WORKFLOW, Keys.workflow(filter.workflow()), from, before);
        }
        return new RunListingQuery(filter, RunIndex.BY_TIME, Keys.ALL_RUNS, from, before);
    }

    /** True when the time range holds no run at all (it ends where it starts, or before). */
    boolean isEmptyRange() {
        return fromSortKey != null && beforeSortKey != null && fromSortKey.compareTo(beforeSortKey) >= 0;
    }

    QueryConditional keyCondition() {
        if (fromSortKey != null && beforeSortKey != null) {
            // BETWEEN includes its upper end, but no run's sort key equals a bound (a bound's run id is empty).
            return QueryConditional.sortBetween(sortValue(fromSortKey), sortValue(beforeSortKey));
        }
        if (fromSortKey != null) {
            return QueryConditional.sortGreaterThanOrEqualTo(sortValue(fromSortKey));
        }
        if (beforeSortKey != null) {
            return QueryConditional.sortLessThan(sortValue(beforeSortKey));
        }
        return QueryConditional.keyEqualTo(Key.builder().partitionValue(partition).build());
    }

    /**
     * The part of the filter that the key condition does not cover: the workflow when reading by status or owner, the
     * status when reading by owner. {@code null} when there is none.
     */
    Expression filterOnRead() {
        List<String> conditions = new ArrayList<>();
        Expression.Builder expression = Expression.builder();
        if (filter.status() != null && index != RunIndex.BY_STATUS) {
            conditions.add("#status = :status");
            expression.putExpressionName("#status", RunEntity.STATUS)
                    .putExpressionValue(":status", AttributeValue.fromS(filter.status().name()));
        }
        if (filter.workflow() != null && index != RunIndex.BY_WORKFLOW) {
            conditions.add("#workflow = :workflow");
            expression.putExpressionName("#workflow", RunEntity.WORKFLOW)
                    .putExpressionValue(":workflow", AttributeValue.fromS(filter.workflow()));
        }
        return conditions.isEmpty() ? null : expression.expression(String.join(" AND ", conditions)).build();
    }

    /** Whether a sort key of this query's index lies within its time range. */
    boolean covers(String sortKey) {
        return (fromSortKey == null || sortKey.compareTo(fromSortKey) >= 0)
                && (beforeSortKey == null || sortKey.compareTo(beforeSortKey) < 0);
    }

    /** Names the filter, so a cursor is only ever read by a listing with the filter it was issued for. */
    String filterFingerprint() {
        String canonical = Json.write(Arrays.asList(filter.status(), filter.workflow(), filter.since(), filter.until(),
                filter.ownerHash()));
        return Digests.sha256(canonical).substring(0, 16);
    }

    private Key sortValue(String sortKey) {
        return Key.builder().partitionValue(partition).sortValue(sortKey).build();
    }
}
