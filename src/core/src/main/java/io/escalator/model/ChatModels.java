package io.escalator.model;

import io.escalator.ladder.AgentModel;
import io.escalator.ladder.Tier;

/** Calls a tier's models. One implementation per transport; the engine does not care which. */
public interface ChatModels {

    /**
     * @param tier  the tier whose endpoint and credentials to use
     * @param model the model to call there (the tier's own or an agent's override)
     */
    ModelReply chat(Tier tier, AgentModel model, ChatPrompt prompt) throws ModelCallException;
}
