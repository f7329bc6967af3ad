package io.escalator.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import io.escalator.telemetry.CallRecord;
import java.math.BigDecimal;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A telemetry record as stored: {@code TEL#workflow / at#runId#itemId#seq#call}. One partition per workflow, sorted
 * by time, so a period of a workflow's calls is one Query and expiring old ones needs no Scan.
 */
final class TelemetryEntity {

    static final StaticTableSchema<TelemetryEntity> SCHEMA = StaticTableSchema.builder(TelemetryEntity.class)
            .newItemSupplier(TelemetryEntity::new)
            .addAttribute(String.class, a -> a.name(Keys.PK).getter(e -> e.pk).setter((e, v) -> e.pk = v).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(Keys.SK).getter(e -> e.sk).setter((e, v) -> e.sk = v).tags(primarySortKey()))
            .addAttribute(Long.class, a -> a.name(Keys.EXPIRES_AT).getter(e -> e.expiresAt).setter((e, v) -> e.expiresAt = v))
            .addAttribute(String.class, a -> a.name("workflow").getter(e -> e.workflow).setter((e, v) -> e.workflow = v))
            .addAttribute(String.class, a -> a.name("runId").getter(e -> e.runId).setter((e, v) -> e.runId = v))
            .addAttribute(String.class, a -> a.name("itemId").getter(e -> e.itemId).setter((e, v) -> e.itemId = v))
            .addAttribute(Integer.class, a -> a.name("attemptSeq").getter(e -> e.attemptSeq).setter((e, v) -> e.attemptSeq = v))
            .addAttribute(Integer.class, a -> a.name("callIndex").getter(e -> e.callIndex).setter((e, v) -> e.callIndex = v))
            .addAttribute(String.class, a -> a.name("role").getter(e -> e.role).setter((e, v) -> e.role = v))
            .addAttribute(Integer.class, a -> a.name("tierIndex").getter(e -> e.tierIndex).setter((e, v) -> e.tierIndex = v))
            .addAttribute(String.class, a -> a.name("tier").getter(e -> e.tier).setter((e, v) -> e.tier = v))
            .addAttribute(String.class, a -> a.name("model").getter(e -> e.model).setter((e, v) -> e.model = v))
            .addAttribute(String.class, a -> a.name("provider").getter(e -> e.provider).setter((e, v) -> e.provider = v))
            .addAttribute(Integer.class, a -> a.name("inputTokens").getter(e -> e.inputTokens).setter((e, v) -> e.inputTokens = v))
            .addAttribute(Integer.class, a -> a.name("outputTokens").getter(e -> e.outputTokens).setter((e, v) -> e.outputTokens = v))
            .addAttribute(BigDecimal.class, a -> a.name("cost").getter(e -> e.cost).setter((e, v) -> e.cost = v))
            .addAttribute(Long.class, a -> a.name("durationMs").getter(e -> e.durationMs).setter((e, v) -> e.durationMs = v))
            .addAttribute(String.class, a -> a.name("outcome").getter(e -> e.outcome).setter((e, v) -> e.outcome = v))
            .addAttribute(Double.class, a -> a.name("cqs").getter(e -> e.cqs).setter((e, v) -> e.cqs = v))
            .addAttribute(String.class, a -> a.name("decision").getter(e -> e.decision).setter((e, v) -> e.decision = v))
            .addAttribute(Boolean.class, a -> a.name("escalated").getter(e -> e.escalated).setter((e, v) -> e.escalated = v))
            .addAttribute(String.class, a -> a.name("userHash").getter(e -> e.userHash).setter((e, v) -> e.userHash = v))
            .addAttribute(Instant.class, a -> a.name("at").getter(e -> e.at).setter((e, v) -> e.at = v))
            .build();

    static final String PARTITION_PREFIX = "TEL#";

    String pk;
    String sk;
    Long expiresAt;
    String workflow;
    String runId;
    String itemId;
    Integer attemptSeq;
    Integer callIndex;
    String role;
    Integer tierIndex;
    String tier;
    String model;
    String provider;
    Integer inputTokens;
    Integer outputTokens;
    BigDecimal cost;
    Long durationMs;
    String outcome;
    Double cqs;
    String decision;
    Boolean escalated;
    String userHash;
    Instant at;

    static String partition(String workflow) {
        return PARTITION_PREFIX + workflow;
    }

    /** Sorts by time; the rest makes it unique and the same on every write of the same call (writes are idempotent). */
    static String sortKey(CallRecord call) {
        return SortableTime.of(call.at()) + "#" + call.runId() + "#" + call.itemId() + "#" + String.format("%04d", call.attemptSeq())
                + "#" + String.format("%02d", call.callIndex());
    }

    static TelemetryEntity of(CallRecord call, Instant expiresAt) {
        TelemetryEntity e = new TelemetryEntity();
        e.pk = partition(call.workflow());
        e.sk = sortKey(call);
        e.expiresAt = expiresAt.getEpochSecond();
        e.workflow = call.workflow();
        e.runId = call.runId();
        e.itemId = call.itemId();
        e.attemptSeq = call.attemptSeq();
        e.callIndex = call.callIndex();
        e.role = call.role();
        e.tierIndex = call.tierIndex();
        e.tier = call.tier();
        e.model = call.model();
        e.provider = call.provider();
        e.inputTokens = call.inputTokens();
        e.outputTokens = call.outputTokens();
        e.cost = call.cost();
        e.durationMs = call.durationMs();
        e.outcome = call.outcome();
        e.cqs = call.cqs();
        e.decision = call.decision();
        e.escalated = call.escalated();
        e.userHash = call.userHash();
        e.at = call.at();
        return e;
    }

    CallRecord toRecord() {
        return new CallRecord(workflow, runId, itemId, attemptSeq, callIndex, role, tierIndex, tier, model, provider,
                inputTokens, outputTokens, cost, durationMs, outcome, cqs, decision, Boolean.TRUE.equals(escalated),
                userHash, at);
    }
}
