package io.escalator.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import com.fasterxml.jackson.core.type.TypeReference;
import io.escalator.policy.Action;
import io.escalator.quality.GateResult;
import io.escalator.quality.Signals;
import io.escalator.run.AgentCall;
import io.escalator.run.Attempt;
import io.escalator.run.AttemptDecision;
import io.escalator.run.AttemptState;
import io.escalator.support.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * An attempt's record as stored. Gate results, signals and agent calls are kept as JSON text: they are read with
 * the attempt, never queried on their own.
 */
final class AttemptEntity {

    /** Answers beyond this are cut: a DynamoDB item holds at most 400 KB. */
    static final int MAX_OUTPUT_CHARS = 64_000;
    static final int MAX_NOTES_CHARS = 16_000;

    static final String STATE = "state";
    static final String DECISION_ACTION = "decisionAction";
    static final String DECISION_RULE = "decisionRule";
    static final String DECISION_REASON = "decisionReason";

    static final StaticTableSchema<AttemptEntity> SCHEMA = StaticTableSchema.builder(AttemptEntity.class)
            .newItemSupplier(AttemptEntity::new)
            .addAttribute(String.class, a -> a.name(Keys.PK).getter(e -> e.pk).setter((e, v) -> e.pk = v).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(Keys.SK).getter(e -> e.sk).setter((e, v) -> e.sk = v).tags(primarySortKey()))
            .addAttribute(Long.class, a -> a.name(Keys.EXPIRES_AT).getter(e -> e.expiresAt).setter((e, v) -> e.expiresAt = v))
            .addAttribute(String.class, a -> a.name("runId").getter(e -> e.runId).setter((e, v) -> e.runId = v))
            .addAttribute(String.class, a -> a.name("itemId").getter(e -> e.itemId).setter((e, v) -> e.itemId = v))
            .addAttribute(Integer.class, a -> a.name("seq").getter(e -> e.seq).setter((e, v) -> e.seq = v))
            .addAttribute(Integer.class, a -> a.name("tierIndex").getter(e -> e.tierIndex).setter((e, v) -> e.tierIndex = v))
            .addAttribute(String.class, a -> a.name("tierName").getter(e -> e.tierName).setter((e, v) -> e.tierName = v))
            .addAttribute(String.class, a -> a.name("model").getter(e -> e.model).setter((e, v) -> e.model = v))
            .addAttribute(Integer.class, a -> a.name("attemptAtTier").getter(e -> e.attemptAtTier).setter((e, v) -> e.attemptAtTier = v))
            .addAttribute(String.class, a -> a.name(STATE).getter(e -> e.state).setter((e, v) -> e.state = v))
            .addAttribute(BigDecimal.class, a -> a.name("reservedCost").getter(e -> e.reservedCost).setter((e, v) -> e.reservedCost = v))
            .addAttribute(String.class, a -> a.name("promptDigest").getter(e -> e.promptDigest).setter((e, v) -> e.promptDigest = v))
            .addAttribute(String.class, a -> a.name("output").getter(e -> e.output).setter((e, v) -> e.output = v))
            .addAttribute(String.class, a -> a.name("gatesJson").getter(e -> e.gatesJson).setter((e, v) -> e.gatesJson = v))
            .addAttribute(String.class, a -> a.name("signalsJson").getter(e -> e.signalsJson).setter((e, v) -> e.signalsJson = v))
            .addAttribute(Double.class, a -> a.name("cqs").getter(e -> e.cqs).setter((e, v) -> e.cqs = v))
            .addAttribute(Integer.class, a -> a.name("inputTokens").getter(e -> e.inputTokens).setter((e, v) -> e.inputTokens = v))
            .addAttribute(Integer.class, a -> a.name("outputTokens").getter(e -> e.outputTokens).setter((e, v) -> e.outputTokens = v))
            .addAttribute(BigDecimal.class, a -> a.name("cost").getter(e -> e.cost).setter((e, v) -> e.cost = v))
            .addAttribute(Long.class, a -> a.name("durationMs").getter(e -> e.durationMs).setter((e, v) -> e.durationMs = v))
            .addAttribute(String.class, a -> a.name("failure").getter(e -> e.failure).setter((e, v) -> e.failure = v))
            .addAttribute(String.class, a -> a.name("analysis").getter(e -> e.analysis).setter((e, v) -> e.analysis = v))
            .addAttribute(String.class, a -> a.name("callsJson").getter(e -> e.callsJson).setter((e, v) -> e.callsJson = v))
            .addAttribute(String.class, a -> a.name(DECISION_ACTION).getter(e -> e.decisionAction).setter((e, v) -> e.decisionAction = v))
            .addAttribute(String.class, a -> a.name(DECISION_RULE).getter(e -> e.decisionRule).setter((e, v) -> e.decisionRule = v))
            .addAttribute(String.class, a -> a.name(DECISION_REASON).getter(e -> e.decisionReason).setter((e, v) -> e.decisionReason = v))
            .addAttribute(Instant.class, a -> a.name("startedAt").getter(e -> e.startedAt).setter((e, v) -> e.startedAt = v))
            .addAttribute(Instant.class, a -> a.name("finishedAt").getter(e -> e.finishedAt).setter((e, v) -> e.finishedAt = v))
            .build();

    private static final TypeReference<List<GateResult>> GATES = new TypeReference<>() { };
    private static final TypeReference<List<AgentCall>> CALLS = new TypeReference<>() { };

    String pk;
    String sk;
    Long expiresAt;
    String runId;
    String itemId;
    Integer seq;
    Integer tierIndex;
    String tierName;
    String model;
    Integer attemptAtTier;
    String state;
    BigDecimal reservedCost;
    String promptDigest;
    String output;
    String gatesJson;
    String signalsJson;
    Double cqs;
    Integer inputTokens;
    Integer outputTokens;
    BigDecimal cost;
    Long durationMs;
    String failure;
    String analysis;
    String callsJson;
    String decisionAction;
    String decisionRule;
    String decisionReason;
    Instant startedAt;
    Instant finishedAt;

    static AttemptEntity of(Attempt attempt, Instant expiresAt) {
        AttemptEntity e = new AttemptEntity();
        e.pk = Keys.run(attempt.runId());
        e.sk = Keys.attempt(attempt.itemId(), attempt.seq());
        e.expiresAt = expiresAt.getEpochSecond();
        e.runId = attempt.runId();
        e.itemId = attempt.itemId();
        e.seq = attempt.seq();
        e.tierIndex = attempt.tierIndex();
        e.tierName = attempt.tierName();
        e.model = attempt.model();
        e.attemptAtTier = attempt.attemptAtTier();
        e.state = attempt.state().name();
        e.reservedCost = attempt.reservedCost();
        e.promptDigest = attempt.promptDigest();
        e.output = truncate(attempt.output(), MAX_OUTPUT_CHARS);
        e.gatesJson = Json.write(attempt.gates());
        e.signalsJson = attempt.signals() == null ? null : Json.write(attempt.signals());
        e.cqs = attempt.cqs();
        e.inputTokens = attempt.inputTokens();
        e.outputTokens = attempt.outputTokens();
        e.cost = attempt.cost();
        e.durationMs = attempt.durationMs();
        e.failure = attempt.failure();
        e.analysis = truncate(attempt.analysis(), MAX_NOTES_CHARS);
        e.callsJson = Json.write(attempt.calls());
        if (attempt.decision() != null) {
            e.decisionAction = attempt.decision().action().name();
            e.decisionRule = attempt.decision().rule();
            e.decisionReason = attempt.decision().reason();
        }
        e.startedAt = attempt.startedAt();
        e.finishedAt = attempt.finishedAt();
        return e;
    }

    Attempt toAttempt() {
        AttemptDecision decision = decisionAction == null ? null
                : new AttemptDecision(Action.valueOf(decisionAction), decisionRule, decisionReason);
        return new Attempt(runId, itemId, seq, tierIndex, tierName, model, attemptAtTier, AttemptState.valueOf(state),
                reservedCost, promptDigest, output, read(gatesJson, GATES), signalsJson == null ? null
                : Json.read(signalsJson, Signals.class), cqs == null ? 0 : cqs, zero(inputTokens), zero(outputTokens),
                cost, durationMs == null ? 0 : durationMs, failure, analysis, read(callsJson, CALLS), decision,
                startedAt, finishedAt);
    }

    private static <T> List<T> read(String json, TypeReference<List<T>> type) {
        if (json == null) {
            return List.of();
        }
        try {
            return Json.mapper().readValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored attempt JSON is unreadable", e);
        }
    }

    private static int zero(Integer value) {
        return value == null ? 0 : value;
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text
                : text.substring(0, max) + "\n[truncated: " + (text.length() - max) + " more characters]";
    }
}
