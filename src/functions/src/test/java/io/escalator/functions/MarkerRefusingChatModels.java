package io.escalator.functions;

import io.escalator.ladder.AgentModel;
import io.escalator.ladder.Tier;
import io.escalator.model.ChatModels;
import io.escalator.model.ChatPrompt;
import io.escalator.model.ModelCallException;
import io.escalator.model.ModelReply;
import io.escalator.model.OpenAiChatModels;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * The real model client, except that it throws (as a bug in the engine would, not as a failed model call, which the
 * engine records) for a prompt containing {@link #MARKER}: how tests make a step fail with an error from function code.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class MarkerRefusingChatModels implements ChatModels {

    public static final String MARKER = "[[throw-in-model-client]]";

    private final OpenAiChatModels models;

    public MarkerRefusingChatModels(OpenAiChatModels models) {
        this.models = models;
    }

    @Override
    public ModelReply chat(Tier tier, AgentModel model, ChatPrompt prompt) throws ModelCallException {
        if (prompt.user().contains(MARKER)) {
            throw new IllegalStateException("the model client refused a prompt containing " + MARKER);
        }
        return models.chat(tier, model, prompt);
    }
}
