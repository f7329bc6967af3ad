package io.escalator.model.bedrock;

import dev.langchain4j.model.bedrock.BedrockChatModel;
import dev.langchain4j.model.bedrock.BedrockChatRequestParameters;
import dev.langchain4j.model.chat.ChatModel;
import io.escalator.config.EscalatorConfig;
import io.escalator.ladder.AgentModel;
import io.escalator.ladder.LadderLoader;
import io.escalator.ladder.Tier;
import io.escalator.model.ChatPrompt;
import io.escalator.model.LangChainChat;
import io.escalator.model.ModelCallException;
import io.escalator.model.ModelReply;
import io.escalator.model.ProviderChatModels;
import io.escalator.model.retry.ModelRetryPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
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
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;

/**
 * Calls Amazon Bedrock models through the Converse API with LangChain4j's {@link BedrockChatModel}, so that a Bedrock
 * tier is like any other to the engine. The tier's model is a Bedrock model id or an inference profile id (e.g. a
 * cross-region {@code us.} or {@code eu.} profile); its region and endpoint override, when given, choose the AWS SDK
 * client the chat model is given. Throttling and 5xx faults (and model timeouts) are retried by that client's standard
 * retry strategy with the engine's backoff; what is left is a failed call with a one-line reason.
 */
@ApplicationScoped
@Typed({BedrockChatModels.class, ProviderChatModels.class})
public class BedrockChatModels implements ProviderChatModels {

    public static final String PROVIDER = LadderLoader.BEDROCK_PROVIDER;

    private static final int MAX_DETAIL = 300;

    private final Map<ClientKey, BedrockRuntimeClient> clients = new ConcurrentHashMap<>();
    private final Map<ModelKey, ChatModel> models = new ConcurrentHashMap<>();
    private final ModelRetryPolicy retryPolicy;
    private final AwsCredentialsProvider credentials;
    private final Supplier<Optional<String>> regionLookup;
    private volatile Optional<String> environmentRegion;

    private record ClientKey(String region, URI endpoint, Duration timeout) {
    }

    private record ModelKey(ClientKey client, String modelId, int maxOutputTokens) {
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
        this.regionLookup = defaultRegion;
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
        String region = tier.region() != null ? tier.region() : defaultRegion().orElse(null);
        String who = where(tier, agentModel.model(), region);
        if (region == null) {
            throw new ModelCallException(who + ": no AWS region; give the tier a \"region\" or set AWS_REGION", 0);
        }
        ChatModel model = models.computeIfAbsent(new ModelKey(new ClientKey(region, tier.endpoint(), tier.timeout()),
                agentModel.model(), tier.maxOutputTokens()), this::chatModel);
        return LangChainChat.ask(model, prompt, who, failure -> describe(failure, who));
    }

    /** The environment's region (AWS_REGION, the profile, ...), looked up on the first call that needs it. */
    private Optional<String> defaultRegion() {
        Optional<String> region = environmentRegion;
        if (region == null) {
            region = regionLookup.get();
            environmentRegion = region;
        }
        return region;
    }

    private ChatModel chatModel(ModelKey key) {
        return BedrockChatModel.builder()
                .client(clients.computeIfAbsent(key.client(), this::client))
                .modelId(key.modelId())
                .defaultRequestParameters(BedrockChatRequestParameters.builder()
                        .maxOutputTokens(key.maxOutputTokens())
                        .build())
                // the client's retry strategy retries, with the engine's backoff; LangChain4j's own retries would
                // multiply its tries
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
    }

    private BedrockRuntimeClient client(ClientKey key) {
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
    private static String where(Tier tier, String model, String region) {
        return "model " + model + " on tier " + tier.name() + " (Bedrock, region "
                + (region == null ? "unknown" : region) + (tier.endpoint() == null ? "" : ", endpoint " + tier.endpoint())
                + ")";
    }

    private static String describe(RuntimeException failure, String who) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SdkException sdk) {
                return describe(sdk, who);
            }
        }
        return who + " failed: " + failure.getClass().getSimpleName() + detail(rootMessage(failure));
    }

    private static String describe(SdkException failure, String who) {
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
            return who + ": " + what + " (" + type + ")" + tries + detail(service.awsErrorDetails() == null
                    ? null : service.awsErrorDetails().errorMessage());
        }
        if (failure instanceof SdkClientException) {
            return who + ": could not be reached" + tries + detail(rootMessage(failure));
        }
        return who + " failed: " + failure.getClass().getSimpleName() + tries + detail(rootMessage(failure));
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
}
