package io.escalator.aws;

import io.escalator.config.EscalatorConfig;
import io.escalator.ladder.LadderText;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The ladder from an SSM parameter ({@code escalator.ladder-parameter}), so it can change without a new build. */
@ApplicationScoped
public class SsmLadderText implements LadderText {

    private final EscalatorConfig config;

    public SsmLadderText(EscalatorConfig config) {
        this.config = config;
    }

    @Override
    public Optional<String> json() {
        return config.ladderParameter().map(name -> {
            try (SsmClient ssm = AwsClients.build(SsmClient.builder(), config)) {
                return ssm.getParameter(b -> b.name(name)).parameter().value();
            }
        });
    }

    @Override
    public String source() {
        return "SSM parameter " + config.ladderParameter().orElse("(none)");
    }
}
