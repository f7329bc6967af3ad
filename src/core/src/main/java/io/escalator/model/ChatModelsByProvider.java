package io.escalator.model;

import io.escalator.ladder.AgentModel;
import io.escalator.ladder.Tier;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The engine's chat models: each call goes to the {@link ProviderChatModels} of its tier's provider. */
@ApplicationScoped
public class ChatModelsByProvider implements ChatModels {

    private final Map<String, ProviderChatModels> byProvider;

    @Inject
    public ChatModelsByProvider(@All List<ProviderChatModels> providers) {
        this.byProvider = providers.stream()
                .collect(Collectors.toUnmodifiableMap(ProviderChatModels::provider, Function.identity()));
    }

    @Override
    public ModelReply chat(Tier tier, AgentModel model, ChatPrompt prompt) throws ModelCallException {
        return of(tier).chat(tier, model, prompt);
    }

    @Override
    public Optional<BigDecimal> knownCost(Tier tier, AgentModel model, ChatPrompt prompt) {
        return of(tier).knownCost(tier, model, prompt);
    }

    /** The ladder schema only admits providers the engine has, so a miss is a bug, not a failed call. */
    private ProviderChatModels of(Tier tier) {
        ProviderChatModels provider = byProvider.get(tier.provider());
        if (provider == null) {
            throw new IllegalStateException("tier '" + tier.name() + "' has provider '" + tier.provider()
                    + "', which this engine cannot call; it calls: " + String.join(", ", byProvider.keySet().stream().sorted().toList()));
        }
        return provider;
    }
}
