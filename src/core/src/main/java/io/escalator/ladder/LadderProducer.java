package io.escalator.ladder;

import io.escalator.config.EscalatorConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
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
    Ladder ladder(EscalatorConfig config, Instance<SecretLookup> secretLookup, Instance<LadderText> ladderText) {
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
        requireLiveTiers(ladder, source);
        LOG.infof("Ladder %s: %s", source, String.join(" -> ", ladder.tiers().stream()
                .map(tier -> tier.name() + " (" + tier.model() + ", $" + tier.prices().inputPerMillion().toPlainString()
                        + "/$" + tier.prices().outputPerMillion().toPlainString() + " per M tokens)")
                .toList()));
        return ladder;
    }

    /** The stack calls models: a replay tier (recorded answers, for {@code escalator replay}) has none to call. */
    static void requireLiveTiers(Ladder ladder, String source) {
        List<String> replayTiers = ladder.tiers().stream()
                .filter(tier -> LadderLoader.REPLAY_PROVIDER.equals(tier.provider())).map(Tier::name).toList();
        if (!replayTiers.isEmpty()) {
            throw new InvalidLadderException(source, replayTiers.stream().map(name -> "tier '" + name
                    + "': provider: 'replay' answers from recorded data and runs with `escalator replay --ladder`;"
                    + " point the tier at a live endpoint (provider 'openai') to run it here").toList());
        }
    }

    /** Validates the ladder as the application starts rather than at the first run. */
    void validateAtStartup(@Observes @Priority(10) StartupEvent event, Ladder ladder) {
        LOG.debugf("Ladder %s has %d tiers", ladder.fingerprint(), ladder.size());
    }
}
