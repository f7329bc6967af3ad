package io.escalator.replay;

import io.escalator.cost.TokenCounter;
import io.escalator.cost.TokenUsage;
import io.escalator.ladder.AgentModel;
import io.escalator.ladder.LadderLoader;
import io.escalator.ladder.Tier;
import io.escalator.model.ChatPrompt;
import io.escalator.model.ModelCallException;
import io.escalator.model.ModelReply;
import io.escalator.model.ProviderChatModels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The {@code replay} provider: a model "answers" with its recorded response to the item, and the call costs exactly
 * what it was recorded to cost (known before the call, so that is also its reservation). Its tokens are the prompt and
 * the response counted here. An item that is no recorded prompt, or a model with no recorded answer to it, is a failed
 * call, recorded like any other.
 */
@ApplicationScoped
@Typed({ReplayChatModels.class, ProviderChatModels.class})
public class ReplayChatModels implements ProviderChatModels {

    public static final String PROVIDER = LadderLoader.REPLAY_PROVIDER;

    private final RecordedAnswers recorded;

    public ReplayChatModels(RecordedAnswers recorded) {
        this.recorded = recorded;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public ModelReply chat(Tier tier, AgentModel model, ChatPrompt prompt) throws ModelCallException {
        RecordedAnswer answer;
        try {
            answer = recorded(model, prompt);
        } catch (ReplayDataException e) {
            throw new ModelCallException("model " + model.model() + " on tier " + tier.name() + " has nothing to replay: "
                    + e.getMessage(), 0);
        }
        return new ModelReply(answer.response(), new TokenUsage(prompt.tokens(), TokenCounter.count(answer.response())),
                true, 0, answer.cost());
    }

    /** The recorded cost; none when there is nothing to replay (the call fails, at no cost). */
    @Override
    public Optional<BigDecimal> knownCost(Tier tier, AgentModel model, ChatPrompt prompt) {
        try {
            return Optional.of(recorded(model, prompt).cost());
        } catch (ReplayDataException e) {
            return Optional.empty();
        }
    }

    private RecordedAnswer recorded(AgentModel model, ChatPrompt prompt) {
        if (prompt.itemInput() == null) {
            throw new ReplayDataException("the request is about no item");
        }
        return recorded.answer(prompt.itemInput(), model.model());
    }
}
