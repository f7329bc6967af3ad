package io.escalator.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import io.escalator.policy.BudgetLimits;
import io.escalator.run.Approval;
import io.escalator.run.PendingApproval;
import io.escalator.run.Resolution;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.run.RunTotals;
import io.escalator.support.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** A run's META record as stored. */
final class RunEntity {

    static final String STATUS = "status";
    static final String WORKFLOW = "workflow";
    static final String OWNER_HASH = "ownerHash";
    static final String COMMITTED_COST = "committedCost";
    static final String SPENT_COST = "spentCost";
    static final String ATTEMPTS_STARTED = "attemptsStarted";

    static final String APPROVAL_DEADLINE = "approvalDeadline";
    static final String APPROVED = "approved";
    static final String APPROVAL_COMMENT = "approvalComment";
    static final String APPROVAL_DECIDED_AT = "approvalDecidedAt";
    static final String APPROVED_UP_TO = "approvedUpTo";
    static final String PENDING_APPROVAL = "pendingApprovalJson";
    static final String RESOLUTION_ACTION = "resolutionAction";
    static final String RESOLUTION_COMMENT = "resolutionComment";
    static final String RESOLVED_AT = "resolvedAt";

    static final StaticTableSchema<RunEntity> SCHEMA = StaticTableSchema.builder(RunEntity.class)
            .newItemSupplier(RunEntity::new)
            .addAttribute(String.class, a -> a.name(Keys.PK).getter(e -> e.pk).setter((e, v) -> e.pk = v).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(Keys.SK).getter(e -> e.sk).setter((e, v) -> e.sk = v).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name(Keys.GSI1_PK).getter(e -> e.gsi1pk).setter((e, v) -> e.gsi1pk = v)
                    .tags(secondaryPartitionKey(Keys.RUNS_BY_TIME)))
            .addAttribute(String.class, a -> a.name(Keys.GSI1_SK).getter(e -> e.gsi1sk).setter((e, v) -> e.gsi1sk = v)
                    .tags(secondarySortKey(Keys.RUNS_BY_TIME)))
            .addAttribute(String.class, a -> a.name(Keys.GSI2_PK).getter(e -> e.gsi2pk).setter((e, v) -> e.gsi2pk = v)
                    .tags(secondaryPartitionKey(Keys.RUNS_BY_STATUS)))
            .addAttribute(String.class, a -> a.name(Keys.GSI2_SK).getter(e -> e.gsi2sk).setter((e, v) -> e.gsi2sk = v)
                    .tags(secondarySortKey(Keys.RUNS_BY_STATUS)))
            .addAttribute(String.class, a -> a.name(Keys.GSI3_PK).getter(e -> e.gsi3pk).setter((e, v) -> e.gsi3pk = v)
                    .tags(secondaryPartitionKey(Keys.RUNS_BY_WORKFLOW)))
            .addAttribute(String.class, a -> a.name(Keys.GSI3_SK).getter(e -> e.gsi3sk).setter((e, v) -> e.gsi3sk = v)
                    .tags(secondarySortKey(Keys.RUNS_BY_WORKFLOW)))
            .addAttribute(String.class, a -> a.name(Keys.GSI4_PK).getter(e -> e.gsi4pk).setter((e, v) -> e.gsi4pk = v)
                    .tags(secondaryPartitionKey(Keys.RUNS_BY_OWNER)))
            .addAttribute(String.class, a -> a.name(Keys.GSI4_SK).getter(e -> e.gsi4sk).setter((e, v) -> e.gsi4sk = v)
                    .tags(secondarySortKey(Keys.RUNS_BY_OWNER)))
            .addAttribute(Long.class, a -> a.name(Keys.EXPIRES_AT).getter(e -> e.expiresAt).setter((e, v) -> e.expiresAt = v))
            .addAttribute(String.class, a -> a.name("runId").getter(e -> e.runId).setter((e, v) -> e.runId = v))
            .addAttribute(String.class, a -> a.name(WORKFLOW).getter(e -> e.workflow).setter((e, v) -> e.workflow = v))
            .addAttribute(String.class, a -> a.name("objective").getter(e -> e.objective).setter((e, v) -> e.objective = v))
            .addAttribute(String.class, a -> a.name("status").getter(e -> e.status).setter((e, v) -> e.status = v))
            .addAttribute(String.class, a -> a.name("statusReason").getter(e -> e.statusReason).setter((e, v) -> e.statusReason = v))
            .addAttribute(String.class, a -> a.name("gatesJson").getter(e -> e.gatesJson).setter((e, v) -> e.gatesJson = v))
            .addAttribute(String.class, a -> a.name("dataJson").getter(e -> e.dataJson).setter((e, v) -> e.dataJson = v))
            .addAttribute(BigDecimal.class, a -> a.name("maxCost").getter(e -> e.maxCost).setter((e, v) -> e.maxCost = v))
            .addAttribute(Long.class, a -> a.name("maxSeconds").getter(e -> e.maxSeconds).setter((e, v) -> e.maxSeconds = v))
            .addAttribute(Integer.class, a -> a.name("maxAttempts").getter(e -> e.maxAttempts).setter((e, v) -> e.maxAttempts = v))
            .addAttribute(BigDecimal.class, a -> a.name(COMMITTED_COST).getter(e -> e.committedCost).setter((e, v) -> e.committedCost = v))
            .addAttribute(BigDecimal.class, a -> a.name(SPENT_COST).getter(e -> e.spentCost).setter((e, v) -> e.spentCost = v))
            .addAttribute(Integer.class, a -> a.name(ATTEMPTS_STARTED).getter(e -> e.attemptsStarted).setter((e, v) -> e.attemptsStarted = v))
            .addAttribute(String.class, a -> a.name("ladderJson").getter(e -> e.ladderJson).setter((e, v) -> e.ladderJson = v))
            .addAttribute(String.class, a -> a.name("ladderFingerprint").getter(e -> e.ladderFingerprint).setter((e, v) -> e.ladderFingerprint = v))
            .addAttribute(String.class, a -> a.name("estimateJson").getter(e -> e.estimateJson).setter((e, v) -> e.estimateJson = v))
            .addAttribute(Instant.class, a -> a.name("createdAt").getter(e -> e.createdAt).setter((e, v) -> e.createdAt = v))
            .addAttribute(Instant.class, a -> a.name("finishedAt").getter(e -> e.finishedAt).setter((e, v) -> e.finishedAt = v))
            .addAttribute(BigDecimal.class, a -> a.name("autoApproveUnder").getter(e -> e.autoApproveUnder).setter((e, v) -> e.autoApproveUnder = v))
            .addAttribute(Instant.class, a -> a.name(APPROVAL_DEADLINE).getter(e -> e.approvalDeadline).setter((e, v) -> e.approvalDeadline = v))
            .addAttribute(Boolean.class, a -> a.name(APPROVED).getter(e -> e.approved).setter((e, v) -> e.approved = v))
            .addAttribute(String.class, a -> a.name(APPROVAL_COMMENT).getter(e -> e.approvalComment).setter((e, v) -> e.approvalComment = v))
            .addAttribute(Instant.class, a -> a.name(APPROVAL_DECIDED_AT).getter(e -> e.approvalDecidedAt).setter((e, v) -> e.approvalDecidedAt = v))
            .addAttribute(BigDecimal.class, a -> a.name(APPROVED_UP_TO).getter(e -> e.approvedUpTo).setter((e, v) -> e.approvedUpTo = v))
            .addAttribute(String.class, a -> a.name(PENDING_APPROVAL).getter(e -> e.pendingApprovalJson).setter((e, v) -> e.pendingApprovalJson = v))
            .addAttribute(String.class, a -> a.name(RESOLUTION_ACTION).getter(e -> e.resolutionAction).setter((e, v) -> e.resolutionAction = v))
            .addAttribute(String.class, a -> a.name(RESOLUTION_COMMENT).getter(e -> e.resolutionComment).setter((e, v) -> e.resolutionComment = v))
            .addAttribute(Instant.class, a -> a.name(RESOLVED_AT).getter(e -> e.resolvedAt).setter((e, v) -> e.resolvedAt = v))
            .addAttribute(BigDecimal.class, a -> a.name("totalCost").getter(e -> e.totalCost).setter((e, v) -> e.totalCost = v))
            .addAttribute(BigDecimal.class, a -> a.name("allTopTierCost").getter(e -> e.allTopTierCost).setter((e, v) -> e.allTopTierCost = v))
            .addAttribute(Double.class, a -> a.name("savingsPercent").getter(e -> e.savingsPercent).setter((e, v) -> e.savingsPercent = v))
            .addAttribute(String.class, a -> a.name("userHash").getter(e -> e.userHash).setter((e, v) -> e.userHash = v))
            .addAttribute(String.class, a -> a.name(OWNER_HASH).getter(e -> e.ownerHash).setter((e, v) -> e.ownerHash = v))
            .build();

    String pk;
    String sk;
    String gsi1pk;
    String gsi1sk;
    String gsi2pk;
    String gsi2sk;
    String gsi3pk;
    String gsi3sk;
    String gsi4pk;
    String gsi4sk;
    Long expiresAt;
    String runId;
    String workflow;
    String objective;
    String status;
    String statusReason;
    String gatesJson;
    String dataJson;
    BigDecimal maxCost;
    Long maxSeconds;
    Integer maxAttempts;
    BigDecimal committedCost;
    BigDecimal spentCost;
    Integer attemptsStarted;
    String ladderJson;
    String ladderFingerprint;
    String estimateJson;
    Instant createdAt;
    Instant finishedAt;
    BigDecimal autoApproveUnder;
    Instant approvalDeadline;
    Boolean approved;
    String approvalComment;
    Instant approvalDecidedAt;
    BigDecimal approvedUpTo;
    String pendingApprovalJson;
    String resolutionAction;
    String resolutionComment;
    Instant resolvedAt;
    BigDecimal totalCost;
    BigDecimal allTopTierCost;
    Double savingsPercent;
    String userHash;
    String ownerHash;

    static RunEntity of(Run run, Instant expiresAt) {
        RunEntity e = new RunEntity();
        e.pk = Keys.run(run.id());
        e.sk = Keys.META;
        e.gsi1pk = Keys.ALL_RUNS;
        e.gsi1sk = timeOrder(run);
        e.gsi2pk = Keys.status(run.status().name());
        e.gsi2sk = timeOrder(run);
        e.gsi3pk = Keys.workflow(run.workflow());
        e.gsi3sk = timeOrder(run);
        if (run.ownerHash() != null) {
            e.gsi4pk = Keys.owner(run.ownerHash());
            e.gsi4sk = timeOrder(run);
        }
        e.expiresAt = expiresAt.getEpochSecond();
        e.runId = run.id();
        e.workflow = run.workflow();
        e.objective = run.objective();
        e.status = run.status().name();
        e.statusReason = run.statusReason();
        e.gatesJson = run.gatesJson();
        e.dataJson = run.dataJson();
        e.maxCost = run.budget().maxCost();
        e.maxSeconds = run.budget().maxDuration() == null ? null : run.budget().maxDuration().toSeconds();
        e.maxAttempts = run.budget().maxAttempts();
        e.committedCost = run.committedCost();
        e.spentCost = run.spentCost();
        e.attemptsStarted = run.attemptsStarted();
        e.ladderJson = run.ladderJson();
        e.ladderFingerprint = run.ladderFingerprint();
        e.estimateJson = run.estimateJson();
        e.createdAt = run.createdAt();
        e.finishedAt = run.finishedAt();
        if (run.approval() != null) {
            e.autoApproveUnder = run.approval().autoApproveUnder();
            e.approvalDeadline = run.approval().deadline();
            e.approved = run.approval().approved();
            e.approvalComment = run.approval().comment();
            e.approvalDecidedAt = run.approval().decidedAt();
            e.approvedUpTo = run.approval().approvedUpTo();
            e.pendingApprovalJson = run.approval().pending() == null ? null : Json.write(run.approval().pending());
        }
        if (run.resolution() != null) {
            e.resolutionAction = run.resolution().action().name();
            e.resolutionComment = run.resolution().comment();
            e.resolvedAt = run.resolution().at();
        }
        if (run.totals() != null) {
            e.totalCost = run.totals().totalCost();
            e.allTopTierCost = run.totals().allTopTierCost();
            e.savingsPercent = run.totals().savingsPercent();
        }
        e.userHash = run.userHash();
        e.ownerHash = run.ownerHash();
        return e;
    }

    /**
     * Fixed width, so text order is time order: {@code Instant.toString()} drops a zero fraction, and
     * {@code 10:00:00Z} would sort after {@code 10:00:00.500Z}.
     */
    private static final DateTimeFormatter TIME_ORDER = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    static String timeOrder(Run run) {
        return timeOrder(run.createdAt(), run.id());
    }

    static String timeOrder(Instant createdAt, String runId) {
        return TIME_ORDER.format(createdAt) + "#" + runId;
    }

    Run toRun() {
        return new Run(runId, workflow, objective, RunStatus.valueOf(status), statusReason, gatesJson, dataJson,
                new BudgetLimits(maxCost, maxSeconds == null ? null : Duration.ofSeconds(maxSeconds), maxAttempts),
                committedCost, spentCost, attemptsStarted, ladderJson, ladderFingerprint, estimateJson, createdAt,
                finishedAt, totalCost == null ? null : new RunTotals(totalCost, allTopTierCost, savingsPercent),
                new Approval(autoApproveUnder, approvedUpTo, approvalDeadline,
                        pendingApprovalJson == null ? null : Json.read(pendingApprovalJson, PendingApproval.class),
                        approved, approvalComment, approvalDecidedAt),
                resolutionAction == null ? null
                        : new Resolution(Resolution.Action.valueOf(resolutionAction), resolutionComment, resolvedAt),
                userHash, ownerHash);
    }
}
