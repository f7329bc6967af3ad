package io.escalator.store;

/**
 * The single-table key design. Everything of a run shares its partition, so one Query reads a whole run:
 * <pre>
 * RUN#id / META                     the run
 * RUN#id / ITEM#itemId              an item's current state
 * RUN#id / ATTEMPT#itemId#0001      every attempt, in order
 * GSI runsByTime:   RUNS / createdAt#id              all runs, newest first
 * GSI runsByStatus: STATUS#status / createdAt#id     runs in one status (e.g. RUNNING, to resume)
 * GSI runsByWorkflow: WORKFLOW#name / createdAt#id   runs of one workflow
 * GSI runsByOwner:  OWNER#ownerHash / createdAt#id   runs of one owner (runs without an owner are not in it)
 * </pre>
 * {@code createdAt} is written fixed width (see {@link RunEntity#timeOrder}), so on every index text order is time order.
 */
final class Keys {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String GSI1_PK = "gsi1pk";
    static final String GSI1_SK = "gsi1sk";
    static final String GSI2_PK = "gsi2pk";
    static final String GSI2_SK = "gsi2sk";
    static final String GSI3_PK = "gsi3pk";
    static final String GSI3_SK = "gsi3sk";
    static final String GSI4_PK = "gsi4pk";
    static final String GSI4_SK = "gsi4sk";
    static final String EXPIRES_AT = "expiresAt";
    static final String RUNS_BY_TIME = "runsByTime";
    static final String RUNS_BY_STATUS = "runsByStatus";
    static final String RUNS_BY_WORKFLOW = "runsByWorkflow";
    static final String RUNS_BY_OWNER = "runsByOwner";

    static final String META = "META";
    static final String ITEM_PREFIX = "ITEM#";
    static final String ATTEMPT_PREFIX = "ATTEMPT#";
    static final String ALL_RUNS = "RUNS";

    private Keys() {
    }

    static String run(String runId) {
        return "RUN#" + runId;
    }

    static String item(String itemId) {
        return ITEM_PREFIX + itemId;
    }

    /** Zero-padded so attempts sort in order; item ids cannot contain '#', so prefixes never collide. */
    static String attempt(String itemId, int seq) {
        return ATTEMPT_PREFIX + itemId + "#" + String.format("%04d", seq);
    }

    /** Outcome statistics of a workflow's runs on one ladder (the ladder's fingerprint): learned estimates. */
    static String workflowStats(String workflow, String ladderFingerprint) {
        return "STATS#" + workflow + "#" + ladderFingerprint;
    }

    static String tier(int index) {
        return "TIER#" + String.format("%03d", index);
    }

    static String status(String status) {
        return "STATUS#" + status;
    }

    static String workflow(String name) {
        return "WORKFLOW#" + name;
    }

    static String owner(String ownerHash) {
        return "OWNER#" + ownerHash;
    }
}
