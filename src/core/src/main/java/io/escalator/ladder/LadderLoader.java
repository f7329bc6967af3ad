package io.escalator.ladder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.escalator.support.Digests;
import io.escalator.support.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and validates a ladder file. The whole file is checked, structure (against {@code ladder.schema.json}) and
 * meaning (attempt ranges, thresholds, keys, URLs), and every problem is reported at once, each naming the tier and
 * the field.
 */
public final class LadderLoader {

    private static final String SCHEMA_RESOURCE = "/io/escalator/ladder/ladder.schema.json";
    private static final String DEFAULT_LADDER_RESOURCE = "/io/escalator/ladder/default-ladder.json";
    private static final Schema SCHEMA = loadSchema();
    /** How the bundled default ladder is named in messages. */
    public static final String DEFAULT_SOURCE = "(bundled default)";
    /** Answers from recorded data (see io.escalator.replay): no endpoint to call. */
    public static final String REPLAY_PROVIDER = "replay";

    /** Amazon Bedrock through its Converse API, with the environment's AWS credentials: no base URL, no API key. */
    public static final String BEDROCK_PROVIDER = "bedrock";

    private final Function<String, String> environment;
    private final SecretLookup secrets;

    /** @param environment looks up environment variables (for {@code apiKeyEnv}) */
    public LadderLoader(Function<String, String> environment) {
        this(environment, SecretLookup.NONE);
    }

    /**
     * @param environment looks up environment variables (for {@code apiKeyEnv})
     * @param secrets     reads secrets (for {@code apiKeySecret})
     */
    public LadderLoader(Function<String, String> environment, SecretLookup secrets) {
        this.environment = environment;
        this.secrets = secrets;
    }

    public static LadderLoader withSystemEnvironment() {
        return new LadderLoader(System::getenv);
    }

    public Ladder load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidLadderException(file.toString(), List.of("cannot read the file: " + e.getMessage()));
        }
        return parse(text, file.toString());
    }

    public Ladder loadDefault() {
        return parse(defaultJson(), DEFAULT_SOURCE);
    }

    /** The bundled default ladder's file. */
    public static String defaultJson() {
        try (InputStream in = LadderLoader.class.getResourceAsStream(DEFAULT_LADDER_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Ladder parse(String json, String source) {
        JsonNode root;
        try {
            root = Json.readDocument(json);
        } catch (JsonProcessingException e) {
            throw new InvalidLadderException(source, List.of("not valid JSON: " + Json.describe(e)));
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidLadderException(source, List.of("the file is empty"));
        }
        List<String> errors = new ArrayList<>();
        Set<Integer> malformedTiers = new HashSet<>();
        schemaErrors(root, errors, malformedTiers);
        JsonNode tierNodes = root.path("tiers");
        if (!tierNodes.isArray() || tierNodes.isEmpty()) {
            throw new InvalidLadderException(source, errors);
        }
        // The meaning of every well-formed tier is checked too, so that one pass reports every problem of the file.
        List<Tier> tiers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tierNodes.size(); i++) {
            JsonNode node = tierNodes.get(i);
            TierErrors tierErrors = new TierErrors(describeTier(root, i), errors);
            JsonNode name = node.path("name");
            if (name.isTextual() && !names.add(name.asText())) {
                tierErrors.add("name", "another tier already has this name");
            }
            if (!malformedTiers.contains(i)) {
                tiers.add(tier(node, TierDefaults.forPosition(i, tierNodes.size()), tierErrors));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidLadderException(source, errors);
        }
        return new Ladder(tiers, fingerprint(tiers));
    }



    private Tier tier(JsonNode node, TierDefaults defaults, TierErrors errors) {
        Prices prices = new Prices(node.get("inputPricePerMillion").decimalValue(),
                node.get("outputPricePerMillion").decimalValue());
        // A limit left out adapts to the one given, so that setting only one never conflicts with the other's default.
        int minAttempts = node.has("minAttempts") ? node.get("minAttempts").asInt()
                : node.has("maxAttempts") ? Math.min(defaults.minAttempts(), node.get("maxAttempts").asInt())
                : defaults.minAttempts();
        int maxAttempts = node.path("maxAttempts").asInt(Math.max(defaults.maxAttempts(), minAttempts));
        if (minAttempts > maxAttempts) {
            errors.add("minAttempts", "is " + minAttempts + ", more than maxAttempts (" + maxAttempts + ")");
        }
        boolean replay = REPLAY_PROVIDER.equals(node.get("provider").asText());
        // recorded data has the models' answers only, no failure analysis or review: a replay tier is a generator
        AgentMode mode = node.has("mode")
                ? AgentMode.valueOf(node.get("mode").asText().toUpperCase(Locale.ROOT))
                : replay ? AgentMode.SIMPLE : defaults.mode();
        if (replay && mode == AgentMode.FULL) {
            errors.add("mode", "'full' adds a failure analyzer and a reviewer, and recorded data has only answers;"
                    + " a replay tier runs 'simple' (its default)");
        }
        boolean bedrock = BEDROCK_PROVIDER.equals(node.get("provider").asText());
        if (bedrock) {
            for (String field : List.of("baseUrl", "apiKey", "apiKeyEnv", "apiKeyFile", "apiKeySecret")) {
                if (node.has(field)) {
                    errors.add(field, "makes no sense for provider 'bedrock', which calls Bedrock with the AWS credentials"
                            + " of the environment; give 'region' and, for a VPC endpoint, 'endpoint' instead");
                }
            }
        } else {
            for (String field : List.of("region", "endpoint")) {
                if (node.has(field)) {
                    errors.add(field, "is for provider 'bedrock' only");
                }
            }
        }
        return new Tier(
                node.get("name").asText(),
                node.get("provider").asText(),
                bedrock ? null : baseUrl(node, errors),
                node.get("model").asText(),
                bedrock ? Optional.empty() : apiKey(node, errors),
                prices,
                minAttempts,
                maxAttempts,
                mode,
                agentOverrides(node.path("agents"), prices),
                thresholds(node.path("thresholds"), defaults.thresholds(), errors),
                node.path("maxOutputTokens").asInt(TierDefaults.MAX_OUTPUT_TOKENS),
                Duration.ofSeconds(node.path("timeoutSeconds").asInt(TierDefaults.TIMEOUT_SECONDS)),
                bedrock && node.has("region") ? node.get("region").asText() : null,
                bedrock && node.has("endpoint") ? endpoint(node.get("endpoint").asText(), errors) : null);
    }

    private static URI endpoint(String text, TierErrors errors) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                errors.add("endpoint", "'" + text + "' is not an absolute http(s) URL");
                return null;
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            errors.add("endpoint", "'" + text + "' is not a URL: " + e.getReason());
            return null;
        }
    }

    private static URI baseUrl(JsonNode node, TierErrors errors) {
        if (!node.has("baseUrl") && REPLAY_PROVIDER.equals(node.get("provider").asText())) {
            return null;
        }
        if (!node.has("baseUrl")) {
            errors.add("baseUrl", "is required for provider 'openai' (e.g. https://api.openai.com/v1 or http://localhost:11434/v1)");
            return null;
        }
        String text = node.get("baseUrl").asText();
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                errors.add("baseUrl", "'" + text + "' is not an absolute http(s) URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            errors.add("baseUrl", "'" + text + "' is not a URL: " + e.getReason());
            return null;
        }
    }

    private Optional<Secret> apiKey(JsonNode node, TierErrors errors) {
        long given = java.util.stream.Stream.of("apiKey", "apiKeyEnv", "apiKeyFile", "apiKeySecret").filter(node::has).count();
        if (given > 1) {
            errors.add("apiKey", "give one of apiKey, apiKeyEnv, apiKeyFile or apiKeySecret, not several");
            return Optional.empty();
        }
        if (node.has("apiKeySecret")) {
            String id = node.get("apiKeySecret").asText();
            try {
                Optional<String> value = secrets.secret(id);
                if (value.isEmpty() || value.get().isBlank()) {
                    errors.add("apiKeySecret", "secret " + id + " is empty or does not exist");
                    return Optional.empty();
                }
                return Optional.of(Secret.of(value.get().strip()));
            } catch (RuntimeException e) {
                errors.add("apiKeySecret", "cannot read secret " + id + ": " + e.getMessage());
                return Optional.empty();
            }
        }
        if (node.has("apiKey")) {
            return Optional.of(Secret.of(node.get("apiKey").asText()));
        }
        if (node.has("apiKeyFile")) {
            return keyFromFile(node.get("apiKeyFile").asText(), errors);
        }
        if (node.has("apiKeyEnv")) {
            String variable = node.get("apiKeyEnv").asText();
            String value = environment.apply(variable);
            if (value == null || value.isBlank()) {
                errors.add("apiKeyEnv", "environment variable " + variable + " is not set");
                return Optional.empty();
            }
            return Optional.of(Secret.of(value.strip()));
        }
        return Optional.empty();
    }

    /** A file holding only the key (a mounted secret, a file readable by this user alone); its path is resolved from the working directory. */
    private static Optional<Secret> keyFromFile(String file, TierErrors errors) {
        Path path = Path.of(file);
        try {
            String key = java.nio.file.Files.readString(path, java.nio.charset.StandardCharsets.UTF_8).strip();
            if (key.isEmpty()) {
                errors.add("apiKeyFile", "file " + path.toAbsolutePath() + " is empty");
                return Optional.empty();
            }
            return Optional.of(Secret.of(key));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            errors.add("apiKeyFile", "cannot read " + path.toAbsolutePath() + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getClass().getSimpleName()));
            return Optional.empty();
        }
    }

    private static Map<AgentRole, AgentModel> agentOverrides(JsonNode agents, Prices tierPrices) {
        Map<AgentRole, AgentModel> overrides = new EnumMap<>(AgentRole.class);
        for (AgentRole role : AgentRole.values()) {
            JsonNode agent = agents.path(role.key());
            if (agent.isObject()) {
                Prices prices = new Prices(
                        agent.has("inputPricePerMillion") ? agent.get("inputPricePerMillion").decimalValue() : tierPrices.inputPerMillion(),
                        agent.has("outputPricePerMillion") ? agent.get("outputPricePerMillion").decimalValue() : tierPrices.outputPerMillion());
                overrides.put(role, new AgentModel(agent.get("model").asText(), prices));
            }
        }
        return overrides;
    }

    private static EscalationThresholds thresholds(JsonNode node, EscalationThresholds defaults, TierErrors errors) {
        double successCqs = node.path("successCqs").asDouble(defaults.successCqs());
        EscalationThresholds thresholds = new EscalationThresholds(
                successCqs,
                // a successCqs set below the default minCqs lowers the default with it, rather than conflict with it
                node.path("minCqs").asDouble(Math.min(defaults.minCqs(), successCqs)),
                node.path("maxFailureRate").asDouble(defaults.maxFailureRate()),
                node.path("maxSyntaxErrors").asInt(defaults.maxSyntaxErrors()),
                node.hasNonNull("immediateEscalationCqs")
                        ? Double.valueOf(node.get("immediateEscalationCqs").asDouble())
                        : defaults.immediateEscalationCqs(),
                node.path("stagnationImprovement").asDouble(defaults.stagnationImprovement()),
                node.path("stagnationLimit").asInt(defaults.stagnationLimit()));
        if (thresholds.minCqs() > thresholds.successCqs()) {
            errors.add("thresholds.minCqs", "is " + thresholds.minCqs() + ", above successCqs (" + thresholds.successCqs() + ")");
        }
        if (thresholds.immediateEscalationCqs() != null && thresholds.immediateEscalationCqs() > thresholds.successCqs()) {
            errors.add("thresholds.immediateEscalationCqs", "is " + thresholds.immediateEscalationCqs()
                    + ", above successCqs (" + thresholds.successCqs() + ")");
        }
        return thresholds;
    }

    /** Adds the structural errors to {@code errors}, and the index of every tier they concern to {@code malformedTiers}. */
    private static void schemaErrors(JsonNode root, List<String> errors, Set<Integer> malformedTiers) {
        for (Error error : SCHEMA.validate(root)) {
            NodePath location = error.getInstanceLocation();
            String where = "";
            String field = "";
            if (location.getNameCount() >= 2 && "tiers".equals(location.getName(0))) {
                int index = Integer.parseInt(location.getName(1));
                malformedTiers.add(index);
                where = describeTier(root, index) + ": ";
                field = fieldPath(location, 2);
            } else {
                field = fieldPath(location, 0);
            }
            String message = error.getMessage();
            if (error.getProperty() != null && !message.contains(error.getProperty())) {
                message = error.getProperty() + ": " + message;
            }
            errors.add(where + (field.isEmpty() ? "" : field + ": ") + message);
        }
    }

    private static String fieldPath(NodePath location, int from) {
        StringBuilder field = new StringBuilder();
        for (int i = from; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                field.append('[').append(index).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(element);
            }
        }
        return field.toString();
    }

    private static String describeTier(JsonNode root, int index) {
        JsonNode name = root.path("tiers").path(index).path("name");
        return name.isTextual() ? "tier '" + name.asText() + "' (tiers[" + index + "])" : "tiers[" + index + "]";
    }

    private static String fingerprint(List<Tier> tiers) {
        return Digests.sha256(Json.write(tiers)).substring(0, 32);
    }

    private static Schema loadSchema() {
        try (InputStream in = LadderLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects the errors of one tier, each prefixed with the tier's name and index. */
    private record TierErrors(String tier, List<String> sink) {
        void add(String field, String why) {
            sink.add(tier + ": " + field + ": " + why);
        }
    }
}
