package io.escalator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.cost.TokenUsage;
import io.escalator.ladder.AgentModel;
import io.escalator.ladder.AgentRole;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.Tier;
import io.escalator.quality.AnswerCheck;
import io.escalator.quality.AnswerOrigin;
import io.escalator.quality.QualityCheck;
import io.escalator.run.AgentCall;
import io.escalator.run.Attempt;
import io.escalator.run.AttemptState;
import io.escalator.testkit.TestLadders;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The origin an attempt's answer is checked with: the item, the generator's model, and its attempt number there. */
class AnswerOriginTest {

    /** Tiers "a" and "c" share a model; "b"'s generator is an override with that same model. */
    private static final Ladder LADDER = TestLadders.parse("""
            {"tiers": [
              {"name": "a", "provider": "openai", "baseUrl": "http://models.test/v1", "model": "shared",
               "inputPricePerMillion": 0, "outputPricePerMillion": 0},
              {"name": "b", "provider": "openai", "baseUrl": "http://models.test/v1", "model": "other",
               "inputPricePerMillion": 0, "outputPricePerMillion": 0, "agents": {"generator": {"model": "shared"}}},
              {"name": "c", "provider": "openai", "baseUrl": "http://models.test/v1", "model": "own",
               "inputPricePerMillion": 0, "outputPricePerMillion": 0, "mode": "simple"}
            ]}""");

    private static final ChatModels ANSWERS = (tier, model, prompt) -> new ModelReply("answer", TokenUsage.NONE, false, 0);

    /** Keeps the origin it was asked to check with. */
    private static final class OriginCheck implements AnswerCheck {
        final List<AnswerOrigin> origins = new ArrayList<>();

        @Override
        public QualityCheck check(String answer) {
            throw new AssertionError("checked without its origin");
        }

        @Override
        public QualityCheck check(String answer, AnswerOrigin origin) {
            origins.add(origin);
            return QualityCheck.of(List.of(), answer, null);
        }

        @Override
        public QualityCheck noAnswer(String reason) {
            return QualityCheck.noAnswer(List.of(), reason);
        }
    }

    private static Attempt earlier(int seq, Tier tier, List<AgentCall> calls) {
        Instant now = Instant.parse("2100-01-01T00:00:00Z");
        return new Attempt("run", "item", seq, 0, tier.name(), tier.model(), 1, AttemptState.COMPLETED, BigDecimal.ZERO,
                null, "answer", List.of(), null, 0, 0, 0, BigDecimal.ZERO, 0, null, null, calls, null, now, now);
    }

    private static AgentCall generatorCall(Tier tier) {
        AgentModel model = tier.modelFor(AgentRole.GENERATOR);
        return new AgentCall(AgentRole.GENERATOR, model.model(), 0, 0, BigDecimal.ZERO, 0, false, null);
    }

    private static AnswerOrigin originOn(Tier tier, List<Attempt> history) {
        OriginCheck check = new OriginCheck();
        new AgentTeam(ANSWERS).attempt(tier, new TaskContext("objective", "the item", history), check);
        return check.origins.getFirst();
    }

    @Test
    void aFirstAttemptIsTheModelsFirst() {
        assertThat(originOn(LADDER.tier(0), List.of())).isEqualTo(new AnswerOrigin("the item", "shared", 1));
    }

    @Test
    void theAttemptNumberCountsTheModelsEarlierAnswersOnEveryTierByTheGeneratorsModel() {
        Tier a = LADDER.tier(0);
        Tier b = LADDER.tier(1);
        List<Attempt> history = List.of(earlier(1, a, List.of(generatorCall(a))), earlier(2, b, List.of(generatorCall(b))));

        assertThat(originOn(b, history)).isEqualTo(new AnswerOrigin("the item", "shared", 3));
        assertThat(originOn(LADDER.tier(2), history)).isEqualTo(new AnswerOrigin("the item", "own", 1));
    }

    @Test
    void anInterruptedAttemptWithoutCallsCountsForItsTiersModel() {
        Tier a = LADDER.tier(0);

        assertThat(originOn(a, List.of(earlier(1, a, List.of())))).isEqualTo(new AnswerOrigin("the item", "shared", 2));
    }
}
