package io.escalator.api;

import static io.escalator.api.ScriptedModels.CAPABLE;
import static io.escalator.api.ScriptedModels.CHEAP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.escalator.testing.Reply;
import io.escalator.testing.ScriptedOpenAiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A prompt run whose answers, Java classes, are checked by given JUnit tests in the sandbox. */
@QuarkusTest
@WithTestResource(ScriptedModels.class)
class TestsGateFlowTest {

    private static final String SLUG_TESTS = """
            package text;

            import static org.junit.jupiter.api.Assertions.assertEquals;

            import org.junit.jupiter.api.Test;

            class SlugsTest {
                @Test
                void lowerCasesAndJoinsWordsWithDashes() {
                    assertEquals("hello-world", Slugs.slug("Hello World"));
                    assertEquals("a-b-c", Slugs.slug("  A  b C "));
                }

                @Test
                void dropsPunctuation() {
                    assertEquals("its-done", Slugs.slug("It's done!"));
                    assertEquals("", Slugs.slug("?!"));
                }
            }
            """;
    private static final String NAIVE = """
            package text;

            public final class Slugs {
                public static String slug(String title) {
                    return title.toLowerCase().replace(' ', '-');
                }
            }
            """;
    private static final String CORRECT = """
            package text;

            public final class Slugs {
                public static String slug(String title) {
                    String words = title.toLowerCase().replaceAll("[^a-z0-9 ]", "").strip();
                    return words.isEmpty() ? "" : String.join("-", words.split(" +"));
                }
            }
            """;

    ScriptedOpenAiServer models;

    @BeforeEach
    void resetModels() {
        models.reset();
    }

    private static String run() {
        Map<String, Object> body = Map.of(
                "workflow", "prompt",
                "objective", "Implement text.Slugs.slug(String): a URL slug of a title.",
                "gates", List.of(Map.of("type", "tests", "language", "java", "tests", SLUG_TESTS)));
        try {
            return new ObjectMapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anImplementationFailingTheGivenTestsClimbsUntilOnePassesThem() {
        models.script(CHEAP, Reply.text(NAIVE));
        models.script(CAPABLE, Reply.text("```java\n" + CORRECT + "```"));

        JsonPath run = Runs.awaitEnd(Runs.start(run()));

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getList("attempts.tier")).containsExactly("cheap", "cheap", "capable");
        assertThat(run.getString("attempts[0].gates[0].message")).startsWith("0 of 2 tests passed; failing: ")
                .contains("expected: <a-b-c> but was: <--a--b-c->");
        assertThat(run.getFloat("attempts[0].signals.testPassRate")).isZero();
        assertThat(run.getFloat("attempts[2].signals.testPassRate")).isEqualTo(1.0f);
        // the implicit constructor of the utility class is never run: 2 of its 3 lines
        assertThat(run.getFloat("attempts[2].signals.coverage")).isEqualTo(2 / 3f);
        assertThat(run.getString("attempts[2].signals.assertionDepth")).isNull();
        assertThat(models.requests(CAPABLE).getFirst().userText()).contains("expected: <its-done> but was: <it's-done!>");
    }
}
