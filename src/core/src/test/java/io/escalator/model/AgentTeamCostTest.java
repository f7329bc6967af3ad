package io.escalator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.cost.TokenUsage;
import io.escalator.ladder.AgentModel;
import io.escalator.ladder.Tier;
import io.escalator.quality.ContainsGate;
import io.escalator.quality.GateCheck;
import io.escalator.run.AgentCall;
import io.escalator.testkit.TestLadders;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an attempt costs and reserves when a provider knows a call's exact cost, and when it does not. */
class AgentTeamCostTest {

    private static final Tier CHEAP = TestLadders.priced().tier(0);
    private static final TaskContext TASK = new TaskContext("Answer with a number.", "What is 6 x 7?", List.of());
    private static final BigDecimal RECORDED = new BigDecimal("0.000123");

    /** Answers "42" with 1,000 input and 10 output tokens; the exact cost, when given, is known before the call. */
    private record Models(BigDecimal exactCost) implements ChatModels {
        @Override
        public ModelReply chat(Tier tier, AgentModel model, ChatPrompt prompt) {
            return new ModelReply("42", new TokenUsage(1_000, 10), false, 0, exactCost);
        }

        @Override
        public Optional<BigDecimal> knownCost(Tier tier, AgentModel model, ChatPrompt prompt) {
            return Optional.ofNullable(exactCost);
        }
    }

    @Test
    void aCallWithAnExactCostCostsExactlyThatWhateverItsTokens() {
        TeamAnswer answer = new AgentTeam(new Models(RECORDED)).attempt(CHEAP, TASK, new GateCheck(List.of(new ContainsGate("42"))));

        assertThat(answer.calls()).extracting(AgentCall::cost).containsExactly(RECORDED);
        assertThat(answer.cost()).isEqualTo(RECORDED);
        assertThat(answer.inputTokens()).isEqualTo(1_000);
    }

    @Test
    void aCallWithoutOneCostsItsTokensAtTheTiersPrices() {
        TeamAnswer answer = new AgentTeam(new Models(null)).attempt(CHEAP, TASK, new GateCheck(List.of(new ContainsGate("42"))));

        // 1,000 x $0.15 + 10 x $0.60 per million
        assertThat(answer.cost()).isEqualByComparingTo("0.000156");
    }

    @Test
    void aCostKnownInAdvanceIsTheWorstCaseAndTheExpectedCostOfTheCall() {
        AgentTeam team = new AgentTeam(new Models(RECORDED));

        assertThat(team.worstCaseCost(CHEAP, TASK)).isEqualTo(RECORDED);
        assertThat(team.expectedCost(CHEAP, TASK, 400)).isEqualTo(RECORDED);
    }

    @Test
    void withoutOneTheWorstCaseIsTheCountedPromptWithItsMarginAndTheFullOutputAllowance() {
        AgentTeam team = new AgentTeam(new Models(null));
        int promptTokens = Prompts.generator(TASK, null).tokens();

        BigDecimal expected = CHEAP.prices().cost(new TokenUsage((int) Math.ceil(promptTokens * AgentTeam.TOKENIZER_MARGIN),
                CHEAP.maxOutputTokens()));
        assertThat(team.worstCaseCost(CHEAP, TASK)).isEqualTo(expected);
    }

    @Test
    void everyPromptOfATaskCarriesItsItemsInputForProvidersThatAnswerByItem() {
        assertThat(Prompts.generator(TASK, null).itemInput()).isEqualTo("What is 6 x 7?");
        assertThat(Prompts.analyzer(TASK).itemInput()).isEqualTo("What is 6 x 7?");
        assertThat(Prompts.reviewer(TASK, "42", List.of()).itemInput()).isEqualTo("What is 6 x 7?");
    }
}
