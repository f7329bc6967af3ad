package io.escalator.replay;

import io.escalator.config.EscalatorConfig;
import io.escalator.quality.AnswerOrigin;
import io.escalator.quality.GateResult;
import io.escalator.quality.RecordedLabelGate;
import io.escalator.quality.RecordedVerdicts;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The recorded dataset the running engine replays ({@code escalator.replay.dataset}): what {@code replay} tiers answer
 * with and {@code recorded-label} gates judge by. It is read once, at start-up. An item is found by its input, which
 * must be the text of one recorded prompt exactly.
 */
@ApplicationScoped
public class RecordedAnswers implements RecordedVerdicts {

    private static final Logger LOG = Logger.getLogger(RecordedAnswers.class);
    private static final int QUOTED_INPUT_LENGTH = 80;

    private final Optional<Path> file;
    private final long seed;
    private volatile Index index;

    @Inject
    public RecordedAnswers(EscalatorConfig config) {
        this(config.replay().dataset(), config.replay().seed());
    }

    /** @param file the RouterBench CSV, read when first needed; empty: no dataset is configured */
    public RecordedAnswers(Optional<Path> file, long seed) {
        this(file, seed, null);
    }

    private RecordedAnswers(Optional<Path> file, long seed, Index index) {
        this.file = file;
        this.seed = seed;
        this.index = index;
    }

    /** A dataset already read (tests, tools). */
    public static RecordedAnswers of(RecordedDataset dataset, long seed) {
        return new RecordedAnswers(Optional.empty(), seed, Index.of(dataset));
    }

    /** A dataset that cannot be read stops the application rather than failing its first replayed item. */
    void loadAtStartup(@Observes StartupEvent event) {
        if (configured()) {
            RecordedDataset dataset = dataset();
            LOG.infof("Recorded dataset %s: %d prompts, models %s", dataset.source(), dataset.prompts().size(),
                    String.join(", ", dataset.models()));
        }
    }

    @Override
    public boolean configured() {
        return file.isPresent() || index != null;
    }

    /** Seeds the modelled gate errors of {@code recorded-label} gates. */
    public long seed() {
        return seed;
    }

    /** @throws ReplayDataException when none is configured, or it cannot be read */
    public RecordedDataset dataset() {
        return index().dataset();
    }

    /**
     * The recorded prompt whose text is this input.
     *
     * @throws ReplayDataException when no recorded prompt has it, or several have
     */
    public RecordedPrompt prompt(String input) {
        Index found = index();
        List<RecordedPrompt> prompts = found.byText().getOrDefault(input, List.of());
        if (prompts.size() == 1) {
            return prompts.getFirst();
        }
        String source = found.dataset().source();
        if (prompts.isEmpty()) {
            throw new ReplayDataException("no recorded prompt of " + source + " is the item's input " + quote(input)
                    + "; a replayed item's input must be the text of a recorded prompt exactly");
        }
        throw new ReplayDataException(prompts.size() + " recorded prompts of " + source + " are the item's input "
                + quote(input) + " (sample ids " + String.join(", ", prompts.stream().map(RecordedPrompt::sampleId).toList())
                + "); which one to replay is ambiguous");
    }

    /**
     * The recorded answer of a model to the item with this input.
     *
     * @throws ReplayDataException when the item is not a recorded prompt, or the model has no recorded answer to it
     */
    public RecordedAnswer answer(String input, String model) {
        return answerOf(prompt(input), model);
    }

    private RecordedAnswer answerOf(RecordedPrompt prompt, String model) {
        dataset().requireModels(List.of(model));
        return prompt.answer(model).orElseThrow(() -> new ReplayDataException("model '" + model
                + "' has no recorded answer to prompt " + prompt.sampleId() + " of " + dataset().source()
                + " (its score or cost is empty)"));
    }

    /**
     * {@link RecordedLabelGate}'s verdict, flipped as {@code escalator replay} flips it: by a {@link GateNoise} of this
     * error rate and the configured seed, for the prompt's sample id, the model and its attempt number on the prompt.
     */
    @Override
    public GateResult verdict(String answer, AnswerOrigin origin, double errorRate) {
        RecordedPrompt prompt;
        RecordedAnswer recorded;
        try {
            prompt = prompt(origin.itemInput());
            recorded = answerOf(prompt, origin.model());
        } catch (ReplayDataException e) {
            return GateResult.fail(RecordedLabelGate.TYPE, "no recorded verdict: " + e.getMessage());
        }
        boolean flipped = new GateNoise(errorRate, seed).flips(prompt.sampleId(), origin.model(), origin.attempt());
        return new RecordedLabelGate(recorded.correct(), flipped).check(answer);
    }

    private Index index() {
        Index read = index;
        if (read == null) {
            synchronized (this) {
                if (index == null) {
                    index = Index.of(RouterBenchCsv.read(file.orElseThrow(() ->
                            new ReplayDataException("no recorded dataset is configured: " + HOW_TO_CONFIGURE))));
                }
                read = index;
            }
        }
        return read;
    }

    private static String quote(String input) {
        String oneLine = input.replaceAll("\\s+", " ").strip();
        return "\"" + (oneLine.length() > QUOTED_INPUT_LENGTH ? oneLine.substring(0, QUOTED_INPUT_LENGTH) + "..." : oneLine)
                + "\"";
    }

    /** The dataset with its prompts by text (a text may, in a badly made dataset, be several prompts'). */
    private record Index(RecordedDataset dataset, Map<String, List<RecordedPrompt>> byText) {

        static Index of(RecordedDataset dataset) {
            Map<String, List<RecordedPrompt>> byText = new HashMap<>();
            for (RecordedPrompt prompt : dataset.prompts()) {
                byText.computeIfAbsent(prompt.prompt(), text -> new ArrayList<>()).add(prompt);
            }
            return new Index(dataset, byText);
        }
    }
}
