package io.escalator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Everything Escalator reads from configuration, under the {@code escalator.} prefix. */
@ConfigMapping(prefix = "escalator")
public interface EscalatorConfig {

    /** The ladder file (JSON). Unset: the bundled default ladder. Env: {@code ESCALATOR_LADDER_FILE}. */
    Optional<Path> ladderFile();

    /**
     * An SSM parameter holding the ladder's JSON (in AWS). When set, it is used instead of the ladder file.
     * Env: {@code ESCALATOR_LADDER_PARAMETER}.
     */
    Optional<String> ladderParameter();

    /** Where the local stack keeps its data (the embedded DynamoDB Local files). Env: {@code ESCALATOR_DATA_DIR}. */
    @WithDefault(".escalator")
    Path dataDir();

    /** Who drives runs through their steps: {@code local} (in process) or {@code step-functions} (in AWS). */
    @WithDefault("local")
    Orchestrator orchestrator();

    Store dynamodb();

    Engine engine();

    Approval approval();

    StepFunctions stepFunctions();

    Sandbox sandbox();

    Retention retention();

    Telemetry telemetry();

    Recommendations recommendations();

    Replay replay();

    Auth auth();

    ModelRetry modelRetry();

    enum Orchestrator {
        LOCAL,
        STEP_FUNCTIONS
    }

    interface Store {
        /** A DynamoDB endpoint. Unset on a laptop: the stack starts DynamoDB Local under the data directory. */
        Optional<URI> endpoint();

        @WithDefault("${AWS_REGION:us-east-1}")
        String region();

        @WithDefault("escalator")
        String table();

        /** Create the table (with its indexes and TTL) when it does not exist. Off in AWS, where the template owns it. */
        @WithDefault("true")
        boolean createTable();

        /**
         * With no endpoint: start DynamoDB Local in process, under the data directory (the local stack). Off: use
         * the AWS default endpoint for the region (in AWS).
         */
        @WithDefault("false")
        boolean embedded();

        /** Keep the embedded DynamoDB Local in memory instead of under the data directory (tests). */
        @WithDefault("false")
        boolean inMemory();
    }

    interface Engine {
        /** How many items of one run call their models at the same time. */
        @WithDefault("16")
        int itemParallelism();

        /** Output tokens expected per model call when estimating, until telemetry says better. */
        @WithDefault("400")
        int expectedOutputTokens();

        /**
         * How often the local stack looks for runs left RUNNING that nothing drives (stopped by a store outage) and
         * drives them on. In AWS the state machine's retries do this.
         */
        @WithDefault("30s")
        String resumeEvery();
    }

    interface Approval {
        /** A run whose estimate is above this (USD) waits for approval; a request may set its own line. */
        @WithDefault("1.00")
        BigDecimal autoApproveUnder();

        /** How long a run waits for approval before it is cancelled. */
        @WithDefault("PT24H")
        Duration deadline();
    }

    interface Retention {
        /** Runs, items and attempts expire (DynamoDB TTL) this many days after the run was created. */
        @WithDefault("30")
        int runDays();

        /** Telemetry records (one per model call) expire this many days after the call. */
        @WithDefault("90")
        int telemetryDays();

        /** How often the local stack runs the retention job (in AWS an EventBridge schedule runs it). */
        @WithDefault("1h")
        String cleanupEvery();
    }

    interface Telemetry {
        /**
         * The secret key user ids are hashed with (HMAC-SHA-256) before they are stored anywhere. Unset: the local
         * stack keeps a generated key in its data directory; elsewhere a key is made for the process (hashes then
         * differ after a restart).
         */
        Optional<String> userIdKey();

        /** A secret (AWS Secrets Manager name or ARN) holding that key; read at start-up, used instead of it. */
        Optional<String> userIdKeySecret();
    }

    /**
     * How a model call retries its transient faults (429, 5xx, timeouts, dropped connections, unreadable bodies) before
     * it is recorded as a failed attempt. Failed tries cost nothing; only the try that answers is charged.
     */
    interface ModelRetry {
        /** Tries after the first; 0 turns retries off. */
        @WithDefault("3")
        int maxRetries();

        /** The backoff before the first retry; it doubles for each further one, and each wait is a random share of it. */
        @WithDefault("PT0.5S")
        Duration initialDelay();

        /** The longest backoff (before the random share). */
        @WithDefault("PT20S")
        Duration maxDelay();

        /** The longest Retry-After a call waits for; a provider asking for more ends the call, and the item moves on. */
        @WithDefault("PT60S")
        Duration maxRetryAfter();

        /** No retry starts later than this after the call began: a call lasts at most this plus one tier timeout. */
        @WithDefault("PT2M")
        Duration maxRetryTime();
    }

    /** When pattern learning speaks up: the evidence it needs and the lines it draws. */
    interface Recommendations {
        /** Items that must have reached a tier before any advice about it is given. */
        @WithDefault("20")
        int minItems();

        /** Start at the second tier when the first resolves under this share of the items reaching it. */
        @WithDefault("0.20")
        double capableFirstBelow();

        /** Stay on the first tier when it resolves at least this share. */
        @WithDefault("0.95")
        double cheapOnlyFrom();

        /** Attempts made beyond a number, none succeeding, before advising to lower maxAttempts to it. */
        @WithDefault("10")
        int minAttemptsBeyond();

        /** Items finished on the current ladder in the period before a ladder is suggested from the telemetry. */
        @WithDefault("100")
        int minItemsForLadder();

        /** The most telemetry records (newest first) one ladder suggestion reads, so that it answers quickly. */
        @WithDefault("10000")
        int maxCallsForLadder();
    }

    /** Recorded answers the running engine replays (see io.escalator.replay). */
    interface Replay {
        /**
         * A RouterBench CSV of recorded answers: what {@code replay} tiers answer with and {@code recorded-label} gates
         * judge by. Unset: neither is available. Env: {@code ESCALATOR_REPLAY_DATASET}.
         */
        Optional<Path> dataset();

        /** Seeds which verdicts a {@code recorded-label} gate with an error rate gets wrong. */
        @WithDefault("0")
        long seed();
    }

    interface Sandbox {
        /** Where generated tests run: {@code local} (a child JVM of this process) or {@code lambda} (the runGate function). */
        @WithDefault("local")
        Runner runner();

        /** The runGate function (name, ARN or alias ARN) when the runner is {@code lambda}. */
        Optional<String> function();

        /** Wall-clock limit of one test run, the child JVM's start included. */
        @WithDefault("PT30S")
        Duration testTimeout();

        /** Where each local test run gets its own temporary directory (deleted after the run); default: the system's. */
        Optional<Path> workDir();

        enum Runner {
            LOCAL,
            LAMBDA
        }
    }

    interface StepFunctions {
        /** The state machine that runs are started on when the orchestrator is {@code step-functions}. */
        Optional<String> stateMachineArn();

        /** An endpoint other than AWS's (tests). */
        Optional<URI> endpoint();

        /** How long a run that needs a person's review waits for it. */
        @WithDefault("P7D")
        Duration humanReviewTimeout();
    }

    /**
     * Who may call the API. Locally: bearer tokens, each naming a principal. In AWS: the principal API Gateway's
     * authorizer established (the JWT's {@code sub}, or the caller's IAM ARN).
     */
    interface Auth {
        /** The local stack's token ({@code Authorization: Bearer <token>}); its caller is the admin {@code local}. */
        Optional<String> token();

        /** No authentication at all (development only): every caller is the admin {@code anonymous}. */
        @WithDefault("false")
        boolean disabled();

        /** More local tokens, one per principal: {@code escalator.auth.tokens.<principal>=<token>}. */
        Map<String, String> tokens();

        /** Principals that are admins besides {@code local}: named tokens' principals, or IAM ARNs in AWS. */
        Optional<Set<String>> admins();

        /** In AWS, the HTTP API's authorizer (the template's ApiAuth): {@code IAM} or {@code JWT}. */
        @WithDefault("IAM")
        ApiGateway apiGateway();

        /** With JWT: the claim listing the caller's groups or scopes. */
        @WithDefault("cognito:groups")
        String adminClaim();

        /** With JWT: the group or scope, in that claim, that makes a caller an admin. */
        @WithDefault("escalator-admin")
        String adminClaimValue();

        enum ApiGateway {
            IAM,
            JWT
        }
    }
}
