package io.escalator.replay;

import static io.escalator.ladder.AgentRole.GENERATOR;
import static io.escalator.testkit.RecordedFixture.BIG;
import static io.escalator.testkit.RecordedFixture.MID;
import static io.escalator.testkit.RecordedFixture.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.cost.TokenCounter;
import io.escalator.cost.TokenUsage;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.Tier;
import io.escalator.model.ChatPrompt;
import io.escalator.model.ModelCallException;
import io.escalator.model.ModelReply;
import io.escalator.model.Prompts;
import io.escalator.model.TaskContext;
import io.escalator.testkit.RecordedFixture;
import io.escalator.testkit.TestLadders;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayChatModelsTest {

    private static final Ladder LADDER = RecordedFixture.ladder(SMALL, "1/1", MID, "1/1", BIG, "1/1");
    private final ReplayChatModels models = new ReplayChatModels(RecordedAnswers.of(RecordedFixture.dataset(), 0));

    private static ChatPrompt promptFor(String input) {
        return Prompts.generator(new TaskContext("Answer briefly.", input, List.of()), null);
    }

    private ModelReply chat(Tier tier, ChatPrompt prompt) throws ModelCallException {
        return models.chat(tier, tier.modelFor(GENERATOR), prompt);
    }

    @Test
    void theTiersModelAnswersWithItsRecordedResponseAtItsRecordedCost() throws ModelCallException {
        ChatPrompt prompt = promptFor("What is 6 x 7?");

        ModelReply small = chat(LADDER.tier(0), prompt);
        ModelReply big = chat(LADDER.tier(2), prompt);

        assertThat(small.text()).isEqualTo("41");
        assertThat(small.exactCost()).isEqualTo(new BigDecimal("0.000012"));
        assertThat(small.usage()).isEqualTo(new TokenUsage(prompt.tokens(), TokenCounter.count("41")));
        assertThat(small.usageCounted()).isTrue();
        assertThat(big.text()).isEqualTo("42");
        assertThat(big.exactCost()).isEqualTo(new BigDecimal("0.003200"));
    }

    @Test
    void theRecordedCostIsKnownBeforeTheCall() {
        Tier mid = LADDER.tier(1);

        assertThat(models.knownCost(mid, mid.modelFor(GENERATOR), promptFor("What is 6 x 7?")))
                .contains(new BigDecimal("0.000220"));
    }

    @Test
    void aGeneratorOverrideAnswersWithItsOwnRecordedResponse() throws ModelCallException {
        Tier tier = TestLadders.parse("""
                {"tiers": [{"name": "t", "provider": "replay", "model": "%s", "inputPricePerMillion": 0,
                            "outputPricePerMillion": 0, "agents": {"generator": {"model": "%s"}}}]}"""
                .formatted(SMALL, BIG)).tier(0);

        assertThat(chat(tier, promptFor("What is 6 x 7?")).text()).isEqualTo("42");
    }

    @Test
    void anItemThatIsNoRecordedPromptIsAFailedCallWithTheReason() {
        Tier small = LADDER.tier(0);

        assertThatThrownBy(() -> chat(small, promptFor("What is 7 x 6?")))
                .isInstanceOf(ModelCallException.class)
                .hasMessage("model acme/small-7b on tier tier1 has nothing to replay: no recorded prompt of fixture.csv"
                        + " is the item's input \"What is 7 x 6?\"; a replayed item's input must be the text of a"
                        + " recorded prompt exactly");
        assertThat(models.knownCost(small, small.modelFor(GENERATOR), promptFor("What is 7 x 6?"))).isEmpty();
    }

    @Test
    void aModelWithoutARecordedAnswerToTheItemIsAFailedCallWithTheReason() {
        Tier mid = LADDER.tier(1);

        assertThatThrownBy(() -> chat(mid, promptFor(RecordedFixture.UNANSWERED_BY_MID)))
                .isInstanceOf(ModelCallException.class)
                .hasMessage("model acme/mid-34b on tier tier2 has nothing to replay: model 'acme/mid-34b' has no recorded"
                        + " answer to prompt q8 of fixture.csv (its score or cost is empty)");
        assertThat(models.knownCost(mid, mid.modelFor(GENERATOR), promptFor(RecordedFixture.UNANSWERED_BY_MID))).isEmpty();
    }

    @Test
    void aPromptAboutNoItemIsAFailedCall() {
        Tier small = LADDER.tier(0);

        assertThatThrownBy(() -> chat(small, new ChatPrompt("system", "user")))
                .isInstanceOf(ModelCallException.class)
                .hasMessage("model acme/small-7b on tier tier1 has nothing to replay: the request is about no item");
    }
}
