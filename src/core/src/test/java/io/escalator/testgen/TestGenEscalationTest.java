package io.escalator.testgen;

import static io.escalator.testkit.ScriptedChatModels.Answer.text;
import static io.escalator.testkit.TestLadders.CAPABLE;
import static io.escalator.testkit.TestLadders.CHEAP;
import static io.escalator.testkit.TestLadders.PREMIUM;
import static io.escalator.testkit.TestLadders.PREMIUM_ANALYZER;
import static io.escalator.testkit.TestLadders.PREMIUM_REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.escalator.policy.Action;
import io.escalator.run.Attempt;
import io.escalator.run.Item;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.support.Json;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.JavaSamples;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.TestLadders;
import io.escalator.workflow.RunRequestParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Test generation on the priced ladder, per method: scripted models write the tests, real child JVMs run them, the
 * runs are stored in DynamoDB Local.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class TestGenEscalationTest {

    private final ScriptedChatModels models = new ScriptedChatModels();

    private static String method(String name) {
        return "<method>" + name + "</method>";
    }

    private Engine engine(DynamoDbLocal dynamoDb) {
        return Engine.on(dynamoDb.client(), dynamoDb.uniqueTableName("runs"), TestLadders.priced(), models,
                MutableClock.at("2100-03-01T10:00:00Z"));
    }

    private static Run start(Engine engine, String... targets) {
        ObjectNode body = Json.mapper().createObjectNode().put("workflow", "test-gen");
        body.putObject("source").put("path", "src/main/java/demo/Calculator.java")
                .put("content", JavaSamples.CALCULATOR);
        if (targets.length > 0) {
            List.of(targets).forEach(body.putArray("targets")::add);
        }
        return engine.start(RunRequestParser.parse(body, Engine.WORKFLOWS));
    }

    @Test
    void onlyTheMethodWhoseTestsFailClimbsAndTheNextTierReadsWhy(DynamoDbLocal dynamoDb) {
        models.answer(CHEAP, method("add"), text(JavaSamples.fenced(JavaSamples.ADD_TESTS), 900, 300))
                .answer(CHEAP, method("absolute"), text(JavaSamples.ABSOLUTE_TESTS, 900, 300))
                .answer(CHEAP, method("divide"), text(JavaSamples.fenced(JavaSamples.BROKEN_ADD_TESTS
                        .replace("CalculatorAddTest", "CalculatorDivideTest")), 900, 300))
                .answer(CAPABLE, method("divide"), text(JavaSamples.fenced(JavaSamples.DIVIDE_TESTS), 1500, 400));
        Engine engine = engine(dynamoDb);

        Run run = start(engine);

        assertThat(engine.runToEnd(run.id())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(List.of("add", "absolute", "divide")).extracting(id -> engine.item(run.id(), id))
                .extracting(Item::tierIndex).containsExactly(0, 0, 1);
        List<Attempt> divide = engine.attempts(run.id(), "divide");
        assertThat(divide).extracting(Attempt::tierName).containsExactly("cheap", "cheap", "capable");
        assertThat(divide.subList(0, 2)).allSatisfy(attempt -> {
            assertThat(attempt.signals().syntaxErrors()).isPositive();
            assertThat(attempt.cqs()).isZero();
        });
        Attempt capable = divide.getLast();
        assertThat(capable.decision().action()).isEqualTo(Action.SUCCEED);
        assertThat(capable.signals().testPassRate()).isEqualTo(1.0);
        assertThat(capable.signals().coverage()).isEqualTo(1.0);
        assertThat(capable.signals().assertionDepth()).isEqualTo(2.0);
        assertThat(models.promptsTo(CAPABLE)).singleElement().satisfies(prompt -> assertThat(prompt.user())
                .contains(method("divide"), "syntax error", "CalculatorDivideTest.java line 12", "tiers=\"cheap\""));
        assertThat(engine.attempts(run.id(), "add")).singleElement()
                .satisfies(attempt -> assertThat(attempt.signals().coverage()).isEqualTo(1.0));
    }

    @Test
    void onTheFullTopTierTheAnalyzerReadsTheFailuresAndTheReviewersConfidenceJoinsTheMeasuredSignals(
            DynamoDbLocal dynamoDb) {
        String broken = JavaSamples.fenced(JavaSamples.BROKEN_ADD_TESTS
                .replace("CalculatorAddTest", "CalculatorDivideTest"));
        models.answer(CHEAP, text(broken, 900, 300))
                .answer(CAPABLE, text(broken, 1500, 400))
                .answer(PREMIUM_ANALYZER, text("Every attempt so far failed to parse: line 12 misses a semicolon.", 300, 80))
                .answer(PREMIUM, text(JavaSamples.DIVIDE_TESTS, 2000, 500))
                .answer(PREMIUM_REVIEWER, text("{\"confidence\": 0.9, \"assessment\": \"both outcomes are checked\"}", 900, 40));
        Engine engine = engine(dynamoDb);

        Run run = start(engine, "divide");
        engine.runToEnd(run.id());

        List<Attempt> divide = engine.attempts(run.id(), "divide");
        assertThat(divide).extracting(Attempt::tierName).containsExactly("cheap", "cheap", "capable", "capable", "premium");
        Attempt premium = divide.getLast();
        assertThat(premium.signals().syntaxErrors()).isZero();
        assertThat(premium.signals().testPassRate()).isEqualTo(1.0);
        assertThat(premium.signals().coverage()).isEqualTo(1.0);
        assertThat(premium.signals().assertionDepth()).isEqualTo(2.0);
        assertThat(premium.signals().confidence()).isEqualTo(0.9);
        // 0.40 x 100 (pass rate) + 0.25 x 100 (coverage) + 0.20 x min(10 x 2, 100) (assertions) + 0.15 x 90 (confidence)
        assertThat(premium.cqs()).isEqualTo(82.5);
        assertThat(premium.analysis()).contains("line 12 misses a semicolon", "Reviewer (confidence 0.9)");
        assertThat(models.promptsTo(PREMIUM_ANALYZER)).singleElement().satisfies(prompt -> assertThat(prompt.user())
                .contains(method("divide"), "CalculatorDivideTest.java line 12", "tiers=\"cheap, capable\""));
        assertThat(models.promptsTo(PREMIUM_REVIEWER)).singleElement()
                .satisfies(prompt -> assertThat(prompt.user()).contains("assertThrows"));
    }
}
