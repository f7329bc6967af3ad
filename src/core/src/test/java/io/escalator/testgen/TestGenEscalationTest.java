package io.escalator.testgen;

import static io.escalator.testkit.ScriptedChatModels.Answer.text;
import static io.escalator.testkit.TestLadders.CAPABLE;
import static io.escalator.testkit.TestLadders.CHEAP;
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

    private static Run start(Engine engine) {
        ObjectNode body = Json.mapper().createObjectNode().put("workflow", "test-gen");
        body.putObject("source").put("path", "src/main/java/demo/Calculator.java")
                .put("content", JavaSamples.CALCULATOR);
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
}
