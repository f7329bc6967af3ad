package io.escalator.replay;

import java.util.Collection;
import java.util.List;

/**
 * Prompts with the recorded answers of several models.
 *
 * @param source where it was read from, for messages
 * @param models every model the dataset has columns for, in the file's order
 */
public record RecordedDataset(String source, List<String> models, List<RecordedPrompt> prompts) {

    public RecordedDataset {
        models = List.copyOf(models);
        prompts = List.copyOf(prompts);
    }

    /** The prompts that have a recorded answer from every one of the models; the others are counted as skipped. */
    public PromptSelection complete(Collection<String> required) {
        requireModels(required);
        List<RecordedPrompt> complete = prompts.stream()
                .filter(prompt -> prompt.answers().keySet().containsAll(required))
                .toList();
        return new PromptSelection(complete, prompts.size() - complete.size());
    }

    /** The prompts with an answer from every model of the dataset: what a comparison against all of them needs. */
    public PromptSelection complete() {
        return complete(models);
    }

    /** Fails, naming the dataset's models, when one of these is not among them. */
    public void requireModels(Collection<String> required) {
        for (String model : required) {
            if (!models.contains(model)) {
                throw new ReplayDataException("model '" + model + "' is not in " + source + "; its models are: "
                        + String.join(", ", models));
            }
        }
    }

    /**
     * @param skipped prompts left out because a model lacked a recorded answer
     */
    public record PromptSelection(List<RecordedPrompt> prompts, int skipped) {
        public PromptSelection {
            prompts = List.copyOf(prompts);
        }
    }
}
