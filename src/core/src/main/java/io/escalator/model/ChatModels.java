package io.escalator.model;

import io.escalator.ladder.AgentModel;
import io.escalator.ladder.Tier;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Calls a tier's models. The engine sees one of these; {@link ChatModelsByProvider} routes each call to the
 * implementation of its tier's provider.
 */
public interface ChatModels {

    /**
     * @param tier  the tier whose endpoint and credentials to use
     * @param model the model to call there (the tier's own or an agent's override)
     */
    ModelReply chat(Tier tier, AgentModel model, ChatPrompt prompt) throws ModelCallException;

    /**
     * What this call will cost, when that is known before it is made (a replayed call costs what it was recorded to
     * cost); empty when it depends on the tokens the model will use. Budget reservations and estimates take it as is.
     */
    default Optional<BigDecimal> knownCost(Tier tier, AgentModel model, ChatPrompt prompt) {
        return Optional.empty();
    }
}
