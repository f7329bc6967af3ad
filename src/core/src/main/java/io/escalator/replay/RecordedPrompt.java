package io.escalator.replay;

import java.util.Map;
import java.util.Optional;

/**
 * One prompt of a recorded dataset and the models' answers to it.
 *
 * @param answers by model; a model whose score or cost the dataset lacks for this prompt has no entry
 */
public record RecordedPrompt(String sampleId, String prompt, Map<String, RecordedAnswer> answers) {

    public RecordedPrompt {
        answers = Map.copyOf(answers);
    }

    public Optional<RecordedAnswer> answer(String model) {
        return Optional.ofNullable(answers.get(model));
    }

    /** The answer of a model this prompt is known to have one from (see {@link RecordedDataset#complete}). */
    RecordedAnswer answerOf(String model) {
        RecordedAnswer answer = answers.get(model);
        if (answer == null) {
            throw new IllegalArgumentException("prompt " + sampleId + " has no recorded answer from " + model);
        }
        return answer;
    }
}
