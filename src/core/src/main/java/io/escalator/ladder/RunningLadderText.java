package io.escalator.ladder;

import io.escalator.config.EscalatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The ladder file of the ladder this process runs, as written (key references included), for writing a changed copy
 * of it. It is read from where {@link LadderProducer} read the ladder at start-up (a configured ladder source, else the
 * ladder file, else the bundled default), and only handed out while it still describes the running ladder.
 */
@ApplicationScoped
public class RunningLadderText {

    private static final String PLACEHOLDER_KEY = "(not looked up)";

    private final Ladder running;
    private final Optional<Path> ladderFile;
    private final Instance<LadderText> ladderText;

    @Inject
    public RunningLadderText(Ladder running, EscalatorConfig config, Instance<LadderText> ladderText) {
        this.running = running;
        this.ladderFile = config.ladderFile();
        this.ladderText = ladderText;
    }

    /** The running ladder's file text and where it came from. */
    public record Text(String json, String source) {
    }

    /** @throws LadderFileChangedException when the file no longer describes the running ladder */
    public Text read() {
        Text text = current();
        Ladder described;
        try {
            described = withoutKeys().parse(text.json(), text.source());
        } catch (InvalidLadderException e) {
            throw new LadderFileChangedException(text.source(), "it is no longer a valid ladder");
        }
        if (!described.fingerprint().equals(running.fingerprint())) {
            throw new LadderFileChangedException(text.source(), "it describes another ladder than the one running");
        }
        return text;
    }

    private Text current() {
        Optional<LadderText> remote = ladderText.isResolvable() ? Optional.of(ladderText.get()) : Optional.empty();
        Optional<String> remoteJson = remote.flatMap(LadderText::json);
        if (remoteJson.isPresent()) {
            return new Text(remoteJson.get(), remote.get().source());
        }
        if (ladderFile.isPresent()) {
            try {
                return new Text(Files.readString(ladderFile.get()), ladderFile.get().toString());
            } catch (IOException e) {
                throw new LadderFileChangedException(ladderFile.get().toString(), "it cannot be read: " + e.getMessage());
            }
        }
        return new Text(LadderLoader.defaultJson(), LadderLoader.DEFAULT_SOURCE);
    }

    /**
     * A loader that validates a ladder without looking up its keys ({@code apiKeyEnv}, {@code apiKeySecret}): a key
     * never changes a ladder's fingerprint, and a ladder file written for another process need not find its keys here.
     */
    public static LadderLoader withoutKeys() {
        return new LadderLoader(variable -> PLACEHOLDER_KEY, secretId -> Optional.of(PLACEHOLDER_KEY));
    }
}
