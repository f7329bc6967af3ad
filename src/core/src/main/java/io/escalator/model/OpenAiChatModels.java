package io.escalator.model;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.escalator.config.EscalatorConfig;
import io.escalator.ladder.AgentModel;
import io.escalator.ladder.Secret;
import io.escalator.ladder.Tier;
import io.escalator.model.retry.ModelRetryPolicy;
import io.escalator.model.retry.RetryingHttpClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, llama.cpp, OpenRouter, Groq, ...) through LangChain4j,
 * whose requests go through a {@link io.escalator.model.retry.RetryingHttpClient}: transient faults are retried there,
 * and what is left is a failed call with the reason. The ladder is runtime data, so each tier's chat models are built
 * from its ladder entry on first use and kept.
 */
@ApplicationScoped
@Typed({OpenAiChatModels.class, ProviderChatModels.class})
public class OpenAiChatModels implements ProviderChatModels {

    public static final String PROVIDER = "openai";

    /** Local servers such as Ollama want no key, but the OpenAI client insists on one. */
    private static final String NO_KEY = "not-needed";

    private final Map<String, ChatModel> models = new ConcurrentHashMap<>();
    private final ModelRetryPolicy retryPolicy;
    // HTTP/1.1: every OpenAI-compatible server speaks it, and a plain-HTTP local server is never asked to upgrade
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    public OpenAiChatModels(EscalatorConfig config) {
        this(ModelRetryPolicy.from(config.modelRetry()));
    }

    public OpenAiChatModels(ModelRetryPolicy retryPolicy) {
        this.retryPolicy = retryPolicy;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public ModelReply chat(Tier tier, AgentModel agentModel, ChatPrompt prompt) throws ModelCallException {
        ChatModel model = models.computeIfAbsent(tier.name() + "\u0000" + agentModel.model(), key -> build(tier, agentModel));
        return LangChainChat.ask(model, prompt, ModelFailures.where(tier, agentModel.model()),
                failure -> ModelFailures.describe(failure, tier, agentModel.model()));
    }

    private ChatModel build(Tier tier, AgentModel agentModel) {
        return OpenAiChatModel.builder()
                .httpClientBuilder(new RetryingHttpClientBuilder(http, retryPolicy,
                        "model " + agentModel.model() + " on tier " + tier.name()))
                .baseUrl(tier.baseUrl().toString())
                .apiKey(tier.apiKey().map(Secret::reveal).orElse(NO_KEY))
                .modelName(agentModel.model())
                .maxTokens(tier.maxOutputTokens())
                .timeout(tier.timeout())
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
    }
}
