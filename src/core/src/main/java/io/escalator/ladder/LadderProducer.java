package io.escalator.ladder;

import io.escalator.config.EscalatorConfig;
import io.escalator.replay.RecordedAnswers;
import io.escalator.replay.RecordedDataset;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Loads the ladder once, at start-up: from a configured ladder source (an SSM parameter in AWS), else the configured
 * file, else the bundled default. A ladder with any error stops the application from starting, with every error
 * listed, so no model is ever called with a broken ladder.
 */
public class LadderProducer {

    private static final Logger LOG = Logger.getLogger(LadderProducer.class);

    @Produces
    @Singleton
    Ladder ladder(EscalatorConfig config, Instance<SecretLookup> secretLookup, Instance<LadderText> ladderText,
                  RecordedAnswers recorded) {
        LadderLoader loader = new LadderLoader(System::getenv,
                secretLookup.isResolvable() ? secretLookup.get() : SecretLookup.NONE);
        Optional<LadderText> remote = ladderText.isResolvable() ? Optional.of(ladderText.get()) : Optional.empty();
        Optional<String> remoteJson = remote.flatMap(LadderText::json);
        String source;
        Ladder ladder;
        if (remoteJson.isPresent()) {
            source = remote.get().source();
            ladder = loader.parse(remoteJson.get(), source);
        } else if (config.ladderFile().isPresent()) {
            source = config.ladderFile().get().toString();
            ladder = loader.load(config.ladderFile().get());
        } else {
            source = "(bundled default)";
            ladder = loader.loadDefault();
        }
        requireRecordedModels(ladder, source, recorded);
        LOG.infof("Ladder %s: %s", source, String.join(" -> ", ladder.tiers().stream()
                .map(tier -> tier.name() + " (" + tier.model() + ", " + (LadderLoader.REPLAY_PROVIDER.equals(tier.provider())
                        ? "replayed at its recorded costs" : "$" + tier.prices().inputPerMillion().toPlainString()
                        + "/$" + tier.prices().outputPerMillion().toPlainString() + " per M tokens") + ")")
                .toList()));
        return ladder;
    }

    /**
     * A replay tier answers from the configured recorded dataset: there must be one, and it must have every model the
     * tier calls (its own and its agents').
     */
    static void requireRecordedModels(Ladder ladder, String source, RecordedAnswers recorded) {
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < ladder.size(); i++) {
            Tier tier = ladder.tier(i);
            if (!LadderLoader.REPLAY_PROVIDER.equals(tier.provider())) {
                continue;
            }
            String at = "tier '" + tier.name() + "' (tiers[" + i + "]): ";
            if (!recorded.configured()) {
                errors.add(at + "provider: 'replay' answers from a recorded dataset and none is configured: "
                        + RecordedAnswers.HOW_TO_CONFIGURE + ", or point the tier at a live endpoint (provider 'openai')");
                continue;
            }
            RecordedDataset dataset = recorded.dataset();
            requireModel(dataset, at + "model", tier.model(), errors);
            for (AgentRole role : AgentRole.values()) {
                AgentModel agent = tier.agentOverrides().get(role);
                if (agent != null) {
                    requireModel(dataset, at + "agents." + role.key() + ".model", agent.model(), errors);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidLadderException(source, errors);
        }
    }

    private static void requireModel(RecordedDataset dataset, String field, String model, List<String> errors) {
        if (!dataset.models().contains(model)) {
            errors.add(field + ": '" + model + "' is not a model of the recorded dataset " + dataset.source()
                    + "; its models: " + String.join(", ", dataset.models()));
        }
    }

    /** Validates the ladder as the application starts rather than at the first run. */
    void validateAtStartup(@Observes @Priority(10) StartupEvent event, Ladder ladder) {
        LOG.debugf("Ladder %s has %d tiers", ladder.fingerprint(), ladder.size());
    }
}
