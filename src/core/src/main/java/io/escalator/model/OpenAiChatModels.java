package io.escalator.model;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import io.escalator.cost.TokenCounter;
import io.escalator.ladder.AgentModel;
import io.escalator.ladder.Secret;
import io.escalator.ladder.Tier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, llama.cpp, OpenRouter, Groq, ...) through LangChain4j.
 * The ladder is runtime data, so each tier's chat models are built from its ladder entry on first use and kept.
 */
@ApplicationScoped
@Typed({OpenAiChatModels.class, ProviderChatModels.class})
public class OpenAiChatModels implements ProviderChatModels {

    public static final String PROVIDER = "openai";

    /** Local servers such as Ollama want no key, but the OpenAI client insists on one. */
    private static final String NO_KEY = "not-needed";

    private final Map<String, ChatModel> models = new ConcurrentHashMap<>();

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public ModelReply chat(Tier tier, AgentModel agentModel, ChatPrompt prompt) throws ModelCallException {
        ChatModel model = models.computeIfAbsent(tier.name() + "\u0000" + agentModel.model(), key -> build(tier, agentModel));
        long started = System.nanoTime();
        ChatResponse response;
        try {
            response = model.chat(ChatRequest.builder()
                    .messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()))
                    .build());
        } catch (RuntimeException e) {
            throw new ModelCallException(ModelFailures.describe(e, tier, agentModel.model()), elapsedMs(started));
        }
        long durationMs = elapsedMs(started);
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null || text.isBlank()) {
            throw new ModelCallException("model " + agentModel.model() + " on tier " + tier.name()
                    + " returned an empty answer", durationMs);
        }
        TokenUsage usage = response.tokenUsage();
        if (usage == null || usage.inputTokenCount() == null || usage.outputTokenCount() == null) {
            return new ModelReply(text, new io.escalator.cost.TokenUsage(prompt.tokens(), TokenCounter.count(text)),
                    true, durationMs);
        }
        return new ModelReply(text, new io.escalator.cost.TokenUsage(usage.inputTokenCount(), usage.outputTokenCount()),
                false, durationMs);
    }

    private static ChatModel build(Tier tier, AgentModel agentModel) {
        return OpenAiChatModel.builder()
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

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
