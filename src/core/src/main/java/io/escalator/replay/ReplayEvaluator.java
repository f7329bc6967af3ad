package io.escalator.replay;

import io.escalator.ladder.AgentRole;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.Tier;
import io.escalator.policy.Action;
import io.escalator.policy.AttemptOutcome;
import io.escalator.policy.BudgetLimits;
import io.escalator.policy.BudgetState;
import io.escalator.policy.Decision;
import io.escalator.policy.EscalationPolicy;
import io.escalator.quality.QualityCheck;
import io.escalator.quality.RecordedLabelGate;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Replays a ladder over recorded answers with the engine's own decision code: every attempt's answer is the recorded
 * response of its tier's (generator's) model, costs what was recorded, is checked by a {@link RecordedLabelGate} into a
 * CQS, and {@link EscalationPolicy#decide} says what happens next. A retry on the same model gets the same recorded answer and
 * pays for it again; only the gate's verdict may differ, when the gate errs.
 */
public final class ReplayEvaluator {

    /** Replay has no run budget: the ladder's own limits end every item. */
    private static final BudgetState UNLIMITED =
            new BudgetState(BudgetLimits.NONE, BigDecimal.ZERO, Duration.ZERO, 0, tier -> BigDecimal.ZERO);

    private ReplayEvaluator() {
    }

    /** @param prompts each with a recorded answer from every model of the ladder */
    public static LadderResult evaluate(Ladder ladder, List<RecordedPrompt> prompts, GateNoise noise) {
        int correct = 0;
        int needsHuman = 0;
        BigDecimal cost = BigDecimal.ZERO;
        int[] reached = new int[ladder.size()];
        for (RecordedPrompt prompt : prompts) {
            PromptReplay replay = replay(ladder, prompt, noise);
            correct += replay.acceptedCorrect() ? 1 : 0;
            needsHuman += replay.finalAction() == Action.NEEDS_HUMAN ? 1 : 0;
            cost = cost.add(replay.cost());
            for (int tier = 0; tier <= replay.highestTier(); tier++) {
                reached[tier]++;
            }
        }
        List<String> models = ladder.tiers().stream().map(tier -> tier.model()).toList();
        return new LadderResult(models, prompts.size(), correct, needsHuman, cost, Arrays.stream(reached).boxed().toList());
    }

    /** One prompt up the ladder, attempt by attempt, until the policy's decision is terminal. */
    static PromptReplay replay(Ladder ladder, RecordedPrompt prompt, GateNoise noise) {
        List<AttemptOutcome> history = new ArrayList<>();
        List<String> modelsTried = new ArrayList<>();
        BigDecimal cost = BigDecimal.ZERO;
        int tierIndex = 0;
        int highestTier = 0;
        while (true) {
            String model = answeringModel(ladder.tier(tierIndex));
            RecordedAnswer answer = prompt.answerOf(model);
            modelsTried.add(model);
            int attemptOnModel = (int) modelsTried.stream().filter(model::equals).count();
            boolean flipped = noise.flips(prompt.sampleId(), model, attemptOnModel);
            QualityCheck check = QualityCheck.of(List.of(new RecordedLabelGate(answer.correct(), flipped)),
                    answer.response(), null);
            cost = cost.add(answer.cost());
            history.add(AttemptOutcome.answered(tierIndex, check.cqs(), check.signals().failureRate(),
                    check.signals().syntaxErrors()));
            Decision decision = EscalationPolicy.decide(history, ladder, UNLIMITED);
            if (decision.action().isTerminal()) {
                boolean acceptedCorrect = decision.action() == Action.SUCCEED && answer.correct();
                return new PromptReplay(decision.action(), acceptedCorrect, cost, highestTier, history.size());
            }
            tierIndex = decision.tierIndex();
            highestTier = Math.max(highestTier, tierIndex);
        }
    }

    /** The model whose recorded answers a tier replays: its generator's, as in the running engine. */
    static String answeringModel(Tier tier) {
        return tier.modelFor(AgentRole.GENERATOR).model();
    }

    /**
     * @param acceptedCorrect the prompt ended with an accepted answer that is actually correct
     * @param highestTier     the highest tier it made an attempt on
     */
    record PromptReplay(Action finalAction, boolean acceptedCorrect, BigDecimal cost, int highestTier, int attempts) {
    }
}
