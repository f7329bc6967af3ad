package io.escalator.model;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.escalator.cost.TokenCounter;
import io.escalator.cost.TokenUsage;
import java.util.function.Function;

/**
 * Asks a LangChain4j chat model for one answer and makes the engine's {@link ModelReply} of it: the part every provider
 * built on LangChain4j shares. A provider brings its chat model, who was called, and how to say what its failures mean.
 */
public final class LangChainChat {

    private LangChainChat() {
    }

    /**
     * @param who             who was called, as reasons name it ("model m on tier t at ...")
     * @param describeFailure what the model's exception means, in one line without secrets
     */
    public static ModelReply ask(ChatModel model, ChatPrompt prompt, String who,
            Function<RuntimeException, String> describeFailure) throws ModelCallException {
        long started = System.nanoTime();
        ChatResponse response;
        try {
            response = model.chat(ChatRequest.builder()
                    .messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()))
                    .build());
        } catch (RuntimeException e) {
            throw new ModelCallException(describeFailure.apply(e), elapsedMs(started));
        }
        long durationMs = elapsedMs(started);
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        dev.langchain4j.model.output.TokenUsage usage = response.tokenUsage();
        boolean usageReported = usage != null && usage.inputTokenCount() != null && usage.outputTokenCount() != null;
        if (text == null || text.isBlank()) {
            // The model's own behaviour, not a transport fault: not retried here (the escalation policy decides what
            // comes next), and charged when the provider reported what it billed.
            FinishReason finish = response.finishReason();
            throw new ModelCallException(who + " returned an empty answer"
                    + (finish == null || finish == FinishReason.STOP ? "" : " (finish reason " + finish + ")"),
                    durationMs, usageReported ? tokens(usage) : TokenUsage.NONE);
        }
        if (!usageReported) {
            return new ModelReply(text, new TokenUsage(prompt.tokens(), TokenCounter.count(text)), true, durationMs);
        }
        return new ModelReply(text, tokens(usage), false, durationMs);
    }

    private static TokenUsage tokens(dev.langchain4j.model.output.TokenUsage usage) {
        return new TokenUsage(usage.inputTokenCount(), usage.outputTokenCount());
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
