package io.escalator.replay;

import static io.escalator.testkit.RecordedFixture.BIG;
import static io.escalator.testkit.RecordedFixture.MID;
import static io.escalator.testkit.RecordedFixture.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.escalator.ladder.Ladder;
import io.escalator.model.ChatModelsByProvider;
import io.escalator.policy.Action;
import io.escalator.run.Attempt;
import io.escalator.run.ItemStatus;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.support.Json;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.RecordedFixture;
import io.escalator.testkit.TestLadders;
import io.escalator.testkit.TestSandboxes;
import io.escalator.workflow.PromptWorkflow;
import io.escalator.workflow.RunRequestParser;
import io.escalator.workflow.Workflows;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A replay through the running engine (a request parsed as {@code POST /runs} parses it, the local driver, DynamoDB
 * Local, the replay provider and the recorded-label gate) ends every prompt as {@link ReplayEvaluator} (what
 * {@code escalator replay} runs) does on the same ladder, gate error and seed: the same outcome, the same number of
 * attempts, the same cost to the last digit.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class EngineReplayEquivalenceTest {

    private static final long SEED = 3;
    private static final int REAL_PROMPTS = 50;

    private DynamoDbLocal dynamoDb;

    @BeforeEach
    void keep(DynamoDbLocal dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    static Stream<Arguments> fixtureLadders() {
        return Stream.of(
                Arguments.of("exact gate, three tiers", RecordedFixture.ladder(SMALL, "2/3", MID, "1/2", BIG, "1/1"), 0.0),
                Arguments.of("gate wrong 20%", RecordedFixture.ladder(SMALL, "2/3", MID, "1/2", BIG, "1/1"), 0.2),
                Arguments.of("gate wrong 50%", RecordedFixture.ladder(SMALL, "1/3", MID, "2/2", BIG, "1/3"), 0.5),
                Arguments.of("a model on two tiers", RecordedFixture.ladder(SMALL, "1/1", BIG, "1/1", SMALL, "2/3"), 0.3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureLadders")
    void everyFixturePromptEndsAsTheReplayEndsIt(String name, Ladder ladder, double gateError) {
        RecordedDataset dataset = RecordedFixture.dataset();
        List<RecordedPrompt> prompts = dataset.complete(List.of(SMALL, MID, BIG)).prompts();

        assertSameAsReplay(dataset, ladder, gateError, prompts);
    }

    @Test
    void fiftyPromptsOfARealRouterBenchFileEndAsTheReplayEndsThem() {
        RecordedDataset dataset = RouterBenchCsv.read(SharedDatasets.trainFile("arc_challenge"));
        Ladder ladder = TestLadders.parse("""
                {"tiers": [
                  {"name": "mistral", "provider": "replay", "model": "mistralai/mistral-7b-chat",
                   "inputPricePerMillion": 0, "outputPricePerMillion": 0},
                  {"name": "mixtral", "provider": "replay", "model": "mistralai/mixtral-8x7b-chat",
                   "inputPricePerMillion": 0, "outputPricePerMillion": 0, "minAttempts": 1, "maxAttempts": 2},
                  {"name": "gpt-4", "provider": "replay", "model": "gpt-4-1106-preview",
                   "inputPricePerMillion": 0, "outputPricePerMillion": 0, "maxAttempts": 2}
                ]}""");
        List<RecordedPrompt> prompts = dataset.complete(List.of("mistralai/mistral-7b-chat",
                "mistralai/mixtral-8x7b-chat", "gpt-4-1106-preview")).prompts().subList(0, REAL_PROMPTS);

        assertSameAsReplay(dataset, ladder, 0.1, prompts);
    }

    private void assertSameAsReplay(RecordedDataset dataset, Ladder ladder, double gateError, List<RecordedPrompt> prompts) {
        RecordedAnswers recorded = RecordedAnswers.of(dataset, SEED);
        Workflows workflows = new Workflows(List.of(new PromptWorkflow(TestSandboxes.GATES, recorded)));
        Engine engine = Engine.builder(dynamoDb.client(), dynamoDb.uniqueTableName("replay")).ladder(ladder)
                .chatModels(new ChatModelsByProvider(List.of(new ReplayChatModels(recorded))))
                .workflows(workflows)
                .build();
        Run run = engine.start(RunRequestParser.parse(request(prompts, gateError), workflows));

        RunStatus status = engine.driver.drive(run.id());

        GateNoise noise = new GateNoise(gateError, SEED);
        List<String> differences = new ArrayList<>();
        BigDecimal replayTotal = BigDecimal.ZERO;
        boolean anyNeedsHuman = false;
        for (int i = 0; i < prompts.size(); i++) {
            RecordedPrompt prompt = prompts.get(i);
            ReplayEvaluator.PromptReplay replay = ReplayEvaluator.replay(ladder, prompt, noise);
            ItemStatus expected = replay.finalAction() == Action.SUCCEED ? ItemStatus.SUCCEEDED : ItemStatus.NEEDS_HUMAN;
            List<Attempt> attempts = engine.attempts(run.id(), itemId(i));
            BigDecimal cost = attempts.stream().map(Attempt::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
            ItemStatus actual = engine.item(run.id(), itemId(i)).status();
            if (actual != expected || attempts.size() != replay.attempts() || cost.compareTo(replay.cost()) != 0) {
                differences.add(prompt.sampleId() + ": engine " + actual + " after " + attempts.size() + " attempts, $"
                        + cost.toPlainString() + "; replay " + expected + " after " + replay.attempts() + " attempts, $"
                        + replay.cost().toPlainString());
            }
            replayTotal = replayTotal.add(replay.cost());
            anyNeedsHuman |= expected == ItemStatus.NEEDS_HUMAN;
        }
        assertThat(differences).isEmpty();
        assertThat(engine.load(run.id()).attempts()).as("some prompts were retried or escalated")
                .hasSizeGreaterThan(prompts.size());
        assertThat(status).isEqualTo(anyNeedsHuman ? RunStatus.NEEDS_HUMAN : RunStatus.SUCCEEDED);
        assertThat(engine.run(run.id()).totals().totalCost()).isEqualByComparingTo(replayTotal);
    }

    /** The request as a client would post it: an item per recorded prompt, its input the prompt's text. */
    private static com.fasterxml.jackson.databind.JsonNode request(List<RecordedPrompt> prompts, double gateError) {
        ObjectNode body = Json.mapper().createObjectNode()
                .put("workflow", PromptWorkflow.NAME)
                .put("objective", "Answer the recorded prompt.");
        ArrayNode items = body.putArray("items");
        for (int i = 0; i < prompts.size(); i++) {
            items.addObject().put("id", itemId(i)).put("input", prompts.get(i).prompt());
        }
        body.putArray("gates").addObject().put("type", "recorded-label").put("errorRate", gateError);
        return body;
    }

    private static String itemId(int index) {
        return "p" + index;
    }
}
