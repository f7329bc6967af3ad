package io.escalator.model;

import io.escalator.cost.TokenUsage;
import io.escalator.ladder.AgentMode;
import io.escalator.ladder.AgentModel;
import io.escalator.ladder.AgentRole;
import io.escalator.ladder.Tier;
import io.escalator.quality.AnswerCheck;
import io.escalator.quality.AnswerOrigin;
import io.escalator.quality.QualityCheck;
import io.escalator.support.Digests;
import io.escalator.run.AgentCall;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one attempt with a tier's agent team. Simple mode: the generator answers and the gates check it. Full mode:
 * first the failure analyzer reads the history (when there is one), then the generator answers with its analysis,
 * the gates check the answer, and the reviewer states a confidence that becomes the CQS confidence signal.
 */
@ApplicationScoped
public class AgentTeam {

    /** Other vendors' tokenizers count differently from ours; reservations allow this much more input. */
    static final double TOKENIZER_MARGIN = 1.25;
    /** Room in the reviewer's prompt for the gates' verdicts, which are only known after the answer. */
    static final int CHECK_RESULTS_ROOM = 1_000;

    private final ChatModels models;

    public AgentTeam(ChatModels models) {
        this.models = models;
    }

    public TeamAnswer attempt(Tier tier, TaskContext task, AnswerCheck answerCheck) {
        List<AgentCall> calls = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String analysis = null;
        if (runsAnalyzer(tier, task)) {
            analysis = call(tier, AgentRole.FAILURE_ANALYZER, Prompts.analyzer(task), calls);
            if (analysis != null) {
                notes.add("Failure analysis: " + analysis.strip());
            }
        }
        ChatPrompt generatorPrompt = Prompts.generator(task, analysis);
        String answer = call(tier, AgentRole.GENERATOR, generatorPrompt, calls);
        if (answer == null) {
            String failure = calls.getLast().failure();
            return new TeamAnswer(null, failure, join(notes), answerCheck.noAnswer(failure), calls,
                    Digests.sha256(generatorPrompt.system() + "\n" + generatorPrompt.user()));
        }
        QualityCheck check = answerCheck.check(answer, origin(tier, task));
        if (tier.mode() == AgentMode.FULL) {
            String review = call(tier, AgentRole.REVIEWER, Prompts.reviewer(task, answer, check.gates()), calls);
            if (review != null) {
                ReviewerVerdict verdict = ReviewerVerdict.parse(review);
                notes.add("Reviewer (confidence " + (verdict.confidence() == null ? "not given" : verdict.confidence())
                        + "): " + verdict.assessment());
                check = check.withConfidence(verdict.confidence());
            }
        }
        return new TeamAnswer(answer, null, join(notes), check, calls,
                Digests.sha256(generatorPrompt.system() + "\n" + generatorPrompt.user()));
    }

    /** The generator's model, and its attempt number on this item: one more than the earlier attempts it answered. */
    private static AnswerOrigin origin(Tier tier, TaskContext task) {
        String model = tier.modelFor(AgentRole.GENERATOR).model();
        int earlier = (int) task.history().stream().filter(attempt -> attempt.generatorModel().equals(model)).count();
        return new AnswerOrigin(task.input(), model, earlier + 1);
    }

    /**
     * The most this attempt can cost: every agent's prompt (counted, plus a tokenizer margin, plus room for the
     * analysis and the answer that later agents' prompts carry) and its full output allowance, at its prices; or a
     * call's exact cost when its provider knows it in advance. This is what the budget reserves before the models are
     * called.
     */
    public BigDecimal worstCaseCost(Tier tier, TaskContext task) {
        return attemptCost(tier, task, tier.maxOutputTokens(), TOKENIZER_MARGIN);
    }

    /** What this attempt is expected to cost when every call answers with the given number of tokens. */
    public BigDecimal expectedCost(Tier tier, TaskContext task, int outputTokensPerCall) {
        return attemptCost(tier, task, Math.min(outputTokensPerCall, tier.maxOutputTokens()), 1.0);
    }

    private BigDecimal attemptCost(Tier tier, TaskContext task, int outputPerCall, double inputMargin) {
        BigDecimal cost = BigDecimal.ZERO;
        boolean analyzer = runsAnalyzer(tier, task);
        if (analyzer) {
            cost = cost.add(callCost(tier, AgentRole.FAILURE_ANALYZER, Prompts.analyzer(task), inputMargin, 0, outputPerCall));
        }
        cost = cost.add(callCost(tier, AgentRole.GENERATOR, Prompts.generator(task, null), inputMargin,
                analyzer ? outputPerCall : 0, outputPerCall));
        if (tier.mode() == AgentMode.FULL) {
            cost = cost.add(callCost(tier, AgentRole.REVIEWER, Prompts.reviewer(task, "", List.of()), inputMargin,
                    outputPerCall + CHECK_RESULTS_ROOM, outputPerCall));
        }
        return cost;
    }

    /** A call's cost as its provider knows it in advance, else its tokens (with the margin and room) at its prices. */
    private BigDecimal callCost(Tier tier, AgentRole role, ChatPrompt prompt, double inputMargin, int roomForLaterText,
                                int outputTokens) {
        AgentModel model = tier.modelFor(role);
        return models.knownCost(tier, model, prompt).orElseGet(() -> {
            int input = (int) Math.ceil(prompt.tokens() * inputMargin) + roomForLaterText;
            return model.prices().cost(new TokenUsage(input, outputTokens));
        });
    }

    private static boolean runsAnalyzer(Tier tier, TaskContext task) {
        return tier.mode() == AgentMode.FULL && !task.history().isEmpty();
    }

    /** Calls one agent and records the call; returns its answer, or null when it gave none. */
    private String call(Tier tier, AgentRole role, ChatPrompt prompt, List<AgentCall> calls) {
        AgentModel model = tier.modelFor(role);
        try {
            ModelReply reply = models.chat(tier, model, prompt);
            calls.add(new AgentCall(role, model.model(), reply.usage().inputTokens(), reply.usage().outputTokens(),
                    reply.cost(model.prices()), reply.durationMs(), reply.usageCounted(), null));
            return reply.text();
        } catch (ModelCallException e) {
            calls.add(new AgentCall(role, model.model(), e.usage().inputTokens(), e.usage().outputTokens(),
                    model.prices().cost(e.usage()), e.durationMs(), false, e.getMessage()));
            return null;
        }
    }

    private static String join(List<String> notes) {
        return notes.isEmpty() ? null : String.join("\n", notes);
    }
}
