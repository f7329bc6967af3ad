package io.escalator.replay;

import io.escalator.ladder.Ladder;
import java.time.Duration;
import java.util.List;

/**
 * The optimizer's ladder.
 *
 * @param ladder            the same tiers as the engine reads them from {@link #ladderFile()}
 * @param training          its replay on the training prompts, by the policy
 * @param laddersEvaluated  ladders whose accuracy and cost the search computed
 */
public record LadderSuggestion(List<TierChoice> tiers, Ladder ladder, ReplayReport training, long laddersEvaluated,
                               Duration took) {

    public LadderSuggestion {
        tiers = List.copyOf(tiers);
    }

    /** The ladder file to deploy: see {@link ReplayLadderFile}. */
    public String ladderFile() {
        return ReplayLadderFile.json(tiers);
    }
}
