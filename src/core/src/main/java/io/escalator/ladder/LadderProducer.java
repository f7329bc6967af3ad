package io.escalator.ladder;

import io.escalator.config.EscalatorConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Loads the ladder once, at start-up: the configured file, or the bundled default. A ladder with any error stops
 * the application from starting, with every error listed, so no model is ever called with a broken ladder.
 */
public class LadderProducer {

    private static final Logger LOG = Logger.getLogger(LadderProducer.class);

    @Produces
    @Singleton
    Ladder ladder(EscalatorConfig config) {
        LadderLoader loader = LadderLoader.withSystemEnvironment();
        Ladder ladder = config.ladderFile().map(loader::load).orElseGet(loader::loadDefault);
        LOG.infof("Ladder %s: %s", config.ladderFile().map(Object::toString).orElse("(bundled default)"),
                String.join(" -> ", ladder.tiers().stream().map(tier -> tier.name() + " (" + tier.model() + ", $"
                        + tier.prices().inputPerMillion().toPlainString() + "/$" + tier.prices().outputPerMillion().toPlainString()
                        + " per M tokens)").toList()));
        return ladder;
    }

    /** Validates the ladder as the application starts rather than at the first run. */
    void validateAtStartup(@Observes @Priority(10) StartupEvent event, Ladder ladder) {
        LOG.debugf("Ladder %s has %d tiers", ladder.fingerprint(), ladder.size());
    }
}
