package io.escalator.bench;

import io.escalator.cost.TokenUsage;
import io.escalator.ladder.AgentModel;
import io.escalator.ladder.Tier;
import io.escalator.model.ChatModels;
import io.escalator.model.ChatPrompt;
import io.escalator.model.ModelReply;

/**
 * A zero-latency scripted model for the engine benchmark: it answers at once, from the prompt alone, so that runs
 * in parallel need no shared script (the testkit's {@code ScriptedChatModels} keeps queues and records every call,
 * which would cost more than the engine under measurement). An item whose input says {@code [good at TIER]} is
 * answered correctly (the contains gate's {@value #EXPECTED}, and a reviewer's confidence) on that tier, and wrongly
 * on every tier below it.
 */
final class InstantModels implements ChatModels {

    static final String EXPECTED = "42";
    static final String RIGHT = "The answer is 42. {\"confidence\": 0.9, \"assessment\": \"checked twice\"}";
    static final String WRONG = "I am not sure; perhaps 41.";
    static final TokenUsage USAGE = new TokenUsage(350, 40);

    static String goodAt(String tierName) {
        return "[good at " + tierName + "]";
    }

    @Override
    public ModelReply chat(Tier tier, AgentModel model, ChatPrompt prompt) {
        String text = prompt.user().contains(goodAt(tier.name())) ? RIGHT : WRONG;
        return new ModelReply(text, USAGE, false, 0);
    }
}
