package io.escalator.model.bedrock;

import io.escalator.config.EscalatorConfig;
import io.escalator.cost.TokenUsage;
import io.escalator.ladder.AgentModel;
import io.escalator.ladder.LadderLoader;
import io.escalator.ladder.Tier;
import io.escalator.model.ChatPrompt;
import io.escalator.model.ModelCallException;
import io.escalator.model.ModelReply;
import io.escalator.model.ProviderChatModels;
import io.escalator.model.retry.ModelRetryPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/**
 * Calls Amazon Bedrock models through the Converse API, so that a Bedrock tier is like any other to the engine. The
 * tier's model is a Bedrock model id or an inference profile id (e.g. a cross-region {@code us.} or {@code eu.}
 * profile); its region and endpoint override, when given, choose the client. Throttling and 5xx faults (and model
 * timeouts) are retried by the SDK's standard retry strategy with the engine's backoff; what is left is a failed call
 * with a one-line reason.
 */
@ApplicationScoped
@Typed({BedrockChatModels.class, ProviderChatModels.class})
public class BedrockChatModels implements ProviderChatModels {

    public static final String PROVIDER = LadderLoader.BEDROCK_PROVIDER;

    private static final int MAX_DETAIL = 300;

    private final Map<ClientKey, BedrockRuntimeClient> clients = new ConcurrentHashMap<>();
    private final ModelRetryPolicy retryPolicy;
    private final AwsCredentialsProvider credentials;
    private final Supplier<Optional<String>> defaultRegion;

    private record ClientKey(String region, URI endpoint, Duration timeout) {
    }

    @Inject
    public BedrockChatModels(EscalatorConfig config) {
        this(ModelRetryPolicy.from(config.modelRetry()), DefaultCredentialsProvider.builder().build());
    }

    /** @param credentials the AWS credentials to sign with (static ones for a test server) */
    public BedrockChatModels(ModelRetryPolicy retryPolicy, AwsCredentialsProvider credentials) {
        this(retryPolicy, credentials, BedrockChatModels::environmentRegion);
    }

    /** @param defaultRegion the region of a tier that names none (the environment's, e.g. AWS_REGION), if any */
    public BedrockChatModels(ModelRetryPolicy retryPolicy, AwsCredentialsProvider credentials,
            Supplier<Optional<String>> defaultRegion) {
        this.retryPolicy = retryPolicy;
        this.credentials = credentials;
        this.defaultRegion = defaultRegion;
    }

    private static Optional<String> environmentRegion() {
        try {
            return Optional.of(DefaultAwsRegionProviderChain.builder().build().getRegion().id());
        } catch (SdkClientException e) {
            return Optional.empty();
        }
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public ModelReply chat(Tier tier, AgentModel agentModel, ChatPrompt prompt) throws ModelCallException {
        long started = System.nanoTime();
        String region = tier.region() != null ? tier.region() : defaultRegion.get().orElse(null);
        if (region == null) {
            throw new ModelCallException(where(tier, agentModel.model(), null) + ": no AWS region; give the tier a"
                    + " \"region\" or set AWS_REGION", elapsedMs(started));
        }
        ConverseResponse response;
        try {
            BedrockRuntimeClient client = clients.computeIfAbsent(
                    new ClientKey(region, tier.endpoint(), tier.timeout()), this::build);
            response = client.converse(ConverseRequest.builder()
                    .modelId(agentModel.model())
                    .system(SystemContentBlock.fromText(prompt.system()))
                    .messages(Message.builder().role(ConversationRole.USER)
                            .content(ContentBlock.fromText(prompt.user())).build())
                    .inferenceConfig(config -> config.maxTokens(tier.maxOutputTokens()))
                    .build());
        } catch (SdkException e) {
            throw new ModelCallException(describe(e, tier, agentModel.model(), region), elapsedMs(started));
        }
        long durationMs = elapsedMs(started);
        String text = text(response);
        var usage = response.usage();
        boolean usageReported = usage != null && usage.inputTokens() != null && usage.outputTokens() != null;
        if (text.isBlank()) {
            throw new ModelCallException(where(tier, agentModel.model(), region) + " returned an empty answer"
                    + (response.stopReasonAsString() == null ? "" : " (stop reason " + response.stopReasonAsString() + ")"),
                    durationMs, usageReported ? new TokenUsage(usage.inputTokens(), usage.outputTokens()) : TokenUsage.NONE);
        }
        if (!usageReported) {
            return new ModelReply(text, new TokenUsage(prompt.tokens(), io.escalator.cost.TokenCounter.count(text)),
                    true, durationMs);
        }
        return new ModelReply(text, new TokenUsage(usage.inputTokens(), usage.outputTokens()), false, durationMs);
    }

    private static String text(ConverseResponse response) {
        if (response.output() == null || response.output().message() == null) {
            return "";
        }
        List<ContentBlock> content = response.output().message().content();
        return content.stream().map(ContentBlock::text).filter(Objects::nonNull).collect(Collectors.joining());
    }

    private BedrockRuntimeClient build(ClientKey key) {
        var retryStrategy = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(retryPolicy.maxRetries() + 1)
                .backoffStrategy(backoff())
                .throttlingBackoffStrategy(backoff())
                // each call gets its own tries: a throttled tier must not stop the retries of every other call
                .circuitBreakerEnabled(false)
                .retryOnException(e -> e instanceof ModelTimeoutException)
                .build();
        var builder = BedrockRuntimeClient.builder()
                .region(Region.of(key.region()))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(key.timeout()).build())
                .overrideConfiguration(config -> config
                        .retryStrategy(retryStrategy)
                        .apiCallAttemptTimeout(key.timeout()));
        if (key.endpoint() != null) {
            builder.endpointOverride(key.endpoint());
        }
        return builder.build();
    }

    private BackoffStrategy backoff() {
        if (retryPolicy.initialDelay().isZero()) {
            return BackoffStrategy.retryImmediately();
        }
        return BackoffStrategy.exponentialDelay(retryPolicy.initialDelay(),
                retryPolicy.maxDelay().isZero() ? retryPolicy.initialDelay() : retryPolicy.maxDelay());
    }

    /** Who was called: "model m on tier t (Bedrock, region r)". */
    static String where(Tier tier, String model, String region) {
        return "model " + model + " on tier " + tier.name() + " (Bedrock, region "
                + (region == null ? "unknown" : region) + (tier.endpoint() == null ? "" : ", endpoint " + tier.endpoint())
                + ")";
    }

    static String describe(SdkException failure, Tier tier, String model, String region) {
        String where = where(tier, model, region);
        String tries = tries(failure);
        if (failure instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            String type = code != null && !code.isBlank() ? code : failure.getClass().getSimpleName();
            String what = switch (type) {
                case "ThrottlingException" -> "throttled";
                case "ServiceUnavailableException" -> "unavailable";
                case "ModelTimeoutException" -> "timed out in the model";
                case "ValidationException" -> "refused the request (unknown model id, or no access to it?)";
                case "AccessDeniedException" -> "denied access (no model access, or no bedrock:InvokeModel permission)";
                case "ResourceNotFoundException" -> "has no such model";
                case "ModelNotReadyException" -> "the model is not ready";
                case "InternalServerException" -> "failed inside Bedrock";
                default -> "failed with HTTP " + service.statusCode();
            };
            return where + ": " + what + " (" + type + ")" + tries + detail(service.awsErrorDetails() == null
                    ? null : service.awsErrorDetails().errorMessage());
        }
        if (failure instanceof SdkClientException) {
            return where + ": could not be reached" + tries + detail(rootMessage(failure));
        }
        return where + " failed: " + failure.getClass().getSimpleName() + tries + detail(rootMessage(failure));
    }

    private static String tries(SdkException failure) {
        Integer attempts = failure.numAttempts();
        return attempts == null ? "" : " after " + attempts + (attempts == 1 ? " try" : " tries");
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? failure.getMessage() : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String detail(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        message = message.replaceAll("\\s+", " ").strip();
        return ": " + (message.length() > MAX_DETAIL ? message.substring(0, MAX_DETAIL) + "..." : message);
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
