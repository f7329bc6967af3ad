package io.escalator.store;

import io.escalator.cost.TierHistory;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A tier's figures as attributes of a record, every name behind a prefix (empty for a record of one tier), so that
 * an update can ADD them to what is stored: concurrent writers add up instead of overwriting each other.
 */
final class TierFigureAttributes {

    static final String ITEMS_REACHED = "itemsReached";
    static final String ITEMS_RESOLVED = "itemsResolved";
    static final String ITEMS_ESCALATED = "itemsEscalated";
    static final String ATTEMPTS = "attempts";
    static final String CALLS = "calls";
    static final String OUTPUT_TOKENS = "outputTokens";
    static final String COST = "cost";
    static final String CQS_SUM = "cqsSum";
    static final String ATTEMPTS_AT = "attemptsAt:";
    static final String SUCCESSES_AT = "successesAt:";
    static final String TIER_INDEX = "tierIndex";
    static final String TIER_NAME = "tierName";

    private TierFigureAttributes() {
    }

    /** What to ADD, by attribute name (zeros left out). */
    static Map<String, AttributeValue> additions(String prefix, TierHistory figures) {
        Map<String, AttributeValue> add = new LinkedHashMap<>();
        count(add, prefix + ITEMS_REACHED, figures.itemsReached());
        count(add, prefix + ITEMS_RESOLVED, figures.itemsResolved());
        count(add, prefix + ITEMS_ESCALATED, figures.itemsEscalated());
        count(add, prefix + ATTEMPTS, figures.attempts());
        count(add, prefix + CALLS, figures.calls());
        count(add, prefix + OUTPUT_TOKENS, figures.outputTokens());
        amount(add, prefix + COST, figures.cost());
        amount(add, prefix + CQS_SUM, figures.cqsSum());
        figures.attemptsByNumber().forEach((number, count) -> count(add, prefix + ATTEMPTS_AT + number, count));
        figures.successesByNumber().forEach((number, count) -> count(add, prefix + SUCCESSES_AT + number, count));
        return add;
    }

    /** What to SET: the tier's place and name, which do not add up. */
    static Map<String, AttributeValue> labels(String prefix, TierHistory figures) {
        Map<String, AttributeValue> set = new LinkedHashMap<>();
        set.put(prefix + TIER_INDEX, AttributeValue.fromN(Integer.toString(figures.tierIndex())));
        if (figures.tierName() != null) {
            set.put(prefix + TIER_NAME, AttributeValue.fromS(figures.tierName()));
        }
        return set;
    }

    static TierHistory read(String prefix, Map<String, AttributeValue> record, int defaultIndex) {
        Map<Integer, Long> attemptsAt = new TreeMap<>();
        Map<Integer, Long> successesAt = new TreeMap<>();
        record.forEach((name, value) -> {
            if (name.startsWith(prefix + ATTEMPTS_AT)) {
                attemptsAt.put(Integer.parseInt(name.substring((prefix + ATTEMPTS_AT).length())), Long.parseLong(value.n()));
            } else if (name.startsWith(prefix + SUCCESSES_AT)) {
                successesAt.put(Integer.parseInt(name.substring((prefix + SUCCESSES_AT).length())), Long.parseLong(value.n()));
            }
        });
        AttributeValue index = record.get(prefix + TIER_INDEX);
        AttributeValue name = record.get(prefix + TIER_NAME);
        return new TierHistory(index == null ? defaultIndex : Integer.parseInt(index.n()), name == null ? null : name.s(),
                count(record, prefix + ITEMS_REACHED), count(record, prefix + ITEMS_RESOLVED),
                count(record, prefix + ITEMS_ESCALATED), count(record, prefix + ATTEMPTS), count(record, prefix + CALLS),
                count(record, prefix + OUTPUT_TOKENS), amount(record, prefix + COST), amount(record, prefix + CQS_SUM),
                attemptsAt, successesAt);
    }

    static long count(Map<String, AttributeValue> record, String name) {
        AttributeValue value = record.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    static BigDecimal amount(Map<String, AttributeValue> record, String name) {
        AttributeValue value = record.get(name);
        return value == null ? BigDecimal.ZERO : new BigDecimal(value.n());
    }

    static void count(Map<String, AttributeValue> add, String name, long value) {
        if (value != 0) {
            add.put(name, AttributeValue.fromN(Long.toString(value)));
        }
    }

    static void amount(Map<String, AttributeValue> add, String name, BigDecimal value) {
        if (value.signum() != 0) {
            add.put(name, AttributeValue.fromN(value.toPlainString()));
        }
    }
}
