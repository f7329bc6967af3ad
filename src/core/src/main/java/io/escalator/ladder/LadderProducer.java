package io.escalator.ladder;

import io.escalator.config.EscalatorConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
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
        LOG.infof("Ladder %s: %s", source, String.join(" -> ", ladder.tiers().stream()
                .map(tier -> tier.name() + " (" + tier.model() + ", $" + tier.prices().inputPerMillion().toPlainString()
                        + "/$" + tier.prices().outputPerMillion().toPlainString() + " per M tokens)")
                .toList()));
        return ladder;
    }

    /** Validates the ladder as the application starts rather than at the first run. */
    void validateAtStartup(@Observes @Priority(10) StartupEvent event, Ladder ladder) {
        LOG.debugf("Ladder %s has %d tiers", ladder.fingerprint(), ladder.size());
    }
}
