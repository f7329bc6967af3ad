package io.escalator.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LadderLoaderTest {

    private static final Function<String, String> NO_ENVIRONMENT = name -> null;
    private static final LadderLoader LOADER = new LadderLoader(NO_ENVIRONMENT);

    /** A tier with every required field; {@code extra} is more JSON members, e.g. {@code "minAttempts": 3}. */
    static String tier(String name, String extra) {
        return """
                {"name": "%s", "provider": "openai", "baseUrl": "http://localhost:11434/v1", "model": "model-%s",
                 "inputPricePerMillion": 1, "outputPricePerMillion": 2%s}"""
                .formatted(name, name, extra.isEmpty() ? "" : ", " + extra);
    }

    static String tier(String name) {
        return tier(name, "");
    }

    static String ladder(String... tiers) {
        return "{\"tiers\": [" + String.join(",\n", tiers) + "]}";
    }

    static Ladder parse(String json) {
        return LOADER.parse(json, "test");
    }

    static List<String> errorsOf(String json) {
        return errorsOf(LOADER, json);
    }

    static List<String> errorsOf(LadderLoader loader, String json) {
        InvalidLadderException e = catchThrowableOfType(InvalidLadderException.class, () -> loader.parse(json, "test"));
        assertThat(e).as("the ladder should be refused").isNotNull();
        return e.errors();
    }

    @Nested
    class DefaultsByPosition {

        private final Ladder ladder = parse(ladder(tier("cheap"), tier("middle"), tier("also-middle"), tier("top")));

        @Test
        void firstTierTriesTwoToThreeTimesWithTheLenientThresholds() {
            Tier first = ladder.tier(0);

            assertThat(first.minAttempts()).isEqualTo(2);
            assertThat(first.maxAttempts()).isEqualTo(3);
            assertThat(first.mode()).isEqualTo(AgentMode.SIMPLE);
            assertThat(first.thresholds()).isEqualTo(new EscalationThresholds(80, 70, 0.30, 3, null, 5, 2));
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2})
        void middleTiersTryTwoToSixTimesWithTheStricterThresholds(int index) {
            Tier middle = ladder.tier(index);

            assertThat(middle.minAttempts()).isEqualTo(2);
            assertThat(middle.maxAttempts()).isEqualTo(6);
            assertThat(middle.mode()).isEqualTo(AgentMode.SIMPLE);
            assertThat(middle.thresholds()).isEqualTo(new EscalationThresholds(80, 80, 0.20, 1, null, 5, 2));
        }

        @Test
        void topTierTriesOnceWithTheFullTeam() {
            Tier top = ladder.top();

            assertThat(top.minAttempts()).isEqualTo(1);
            assertThat(top.maxAttempts()).isEqualTo(1);
            assertThat(top.mode()).isEqualTo(AgentMode.FULL);
            assertThat(top.thresholds().successCqs()).isEqualTo(80);
        }

        @Test
        void immediateEscalationIsOffUnlessSet() {
            assertThat(ladder.tiers()).extracting(tier -> tier.thresholds().immediateEscalationCqs()).containsOnlyNulls();
        }

        @Test
        void outputTokensAndTimeoutHaveDefaults() {
            assertThat(ladder.tier(0).maxOutputTokens()).isEqualTo(1024);
            assertThat(ladder.tier(0).timeout()).isEqualTo(Duration.ofSeconds(60));
        }

        @Test
        void theOnlyTierOfASingleTierLadderIsTheTop() {
            Ladder single = parse(ladder(tier("only")));

            assertThat(single.isTop(0)).isTrue();
            assertThat(single.tier(0).minAttempts()).isEqualTo(1);
            assertThat(single.tier(0).maxAttempts()).isEqualTo(1);
            assertThat(single.tier(0).mode()).isEqualTo(AgentMode.FULL);
        }

        @Test
        void aTwoTierLadderHasAFirstTierAndATopTier() {
            Ladder two = parse(ladder(tier("a"), tier("b")));

            assertThat(two.tier(0).maxAttempts()).isEqualTo(3);
            assertThat(two.tier(0).thresholds().minCqs()).isEqualTo(70);
            assertThat(two.tier(1).mode()).isEqualTo(AgentMode.FULL);
            assertThat(two.tier(1).maxAttempts()).isEqualTo(1);
        }
    }

    @Nested
    class ExplicitSettings {

        @Test
        void explicitValuesOverrideTheDefaults() {
            Tier tier = parse(ladder(tier("a", """
                    "minAttempts": 1, "maxAttempts": 4, "mode": "full", "maxOutputTokens": 300, "timeoutSeconds": 5,
                    "thresholds": {"successCqs": 90, "minCqs": 60, "maxFailureRate": 0.5, "maxSyntaxErrors": 0,
                                   "immediateEscalationCqs": 20, "stagnationImprovement": 2, "stagnationLimit": 3}"""),
                    tier("b"))).tier(0);

            assertThat(tier.minAttempts()).isEqualTo(1);
            assertThat(tier.maxAttempts()).isEqualTo(4);
            assertThat(tier.mode()).isEqualTo(AgentMode.FULL);
            assertThat(tier.maxOutputTokens()).isEqualTo(300);
            assertThat(tier.timeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(tier.thresholds()).isEqualTo(new EscalationThresholds(90, 60, 0.5, 0, 20.0, 2, 3));
        }

        @Test
        void thresholdsLeftOutKeepTheirPositionDefaults() {
            Tier tier = parse(ladder(tier("a", "\"thresholds\": {\"maxSyntaxErrors\": 0}"), tier("b"))).tier(0);

            assertThat(tier.thresholds()).isEqualTo(new EscalationThresholds(80, 70, 0.30, 0, null, 5, 2));
        }

        @Test
        void nullImmediateEscalationCqsLeavesTheRuleOff() {
            Tier tier = parse(ladder(tier("a", "\"thresholds\": {\"immediateEscalationCqs\": null}"))).tier(0);

            assertThat(tier.thresholds().immediateEscalationCqs()).isNull();
        }

        @Test
        void aMinimumAboveTheDefaultMaximumRaisesTheMaximum() {
            Tier tier = parse(ladder(tier("a", "\"minAttempts\": 5"), tier("b"))).tier(0);

            assertThat(tier.minAttempts()).isEqualTo(5);
            assertThat(tier.maxAttempts()).isEqualTo(5);
        }

        @Test
        void aMaximumBelowTheDefaultMinimumLowersTheMinimum() {
            // middle tiers default to at least 2 attempts: "maxAttempts": 1 alone must not clash with that default
            Tier middle = parse(ladder(tier("a"), tier("b", "\"maxAttempts\": 1"), tier("c"))).tier(1);

            assertThat(middle.minAttempts()).isEqualTo(1);
            assertThat(middle.maxAttempts()).isEqualTo(1);
        }

        @Test
        void aSuccessCqsBelowTheDefaultMinCqsLowersTheMinCqs() {
            // the first tier's default minCqs is 70: successCqs 60 alone must not clash with it
            Tier tier = parse(ladder(tier("a", "\"thresholds\": {\"successCqs\": 60}"), tier("b"))).tier(0);

            assertThat(tier.thresholds().successCqs()).isEqualTo(60);
            assertThat(tier.thresholds().minCqs()).isEqualTo(60);
        }

        @Test
        void zeroIsAValidPrice() {
            Tier free = parse(ladder(tier("free").replace("\"inputPricePerMillion\": 1, \"outputPricePerMillion\": 2",
                    "\"inputPricePerMillion\": 0, \"outputPricePerMillion\": 0"))).tier(0);

            assertThat(free.prices().inputPerMillion()).isZero();
            assertThat(free.prices().outputPerMillion()).isZero();
        }

        @Test
        void pricesKeepTheirDecimals() {
            Tier tier = parse(ladder("""
                    {"name": "a", "provider": "openai", "baseUrl": "https://api.example.com/v1", "model": "m",
                     "inputPricePerMillion": 0.15, "outputPricePerMillion": 0.6}""")).tier(0);

            assertThat(tier.prices()).isEqualTo(new Prices(new BigDecimal("0.15"), new BigDecimal("0.6")));
            assertThat(tier.baseUrl()).isEqualTo(URI.create("https://api.example.com/v1"));
        }

        @Test
        void agentOverridesInheritTheTierPricesTheyLeaveOut() {
            Tier tier = parse(ladder(tier("a", """
                    "agents": {"reviewer": {"model": "judge", "outputPricePerMillion": 9}}"""))).tier(0);

            assertThat(tier.modelFor(AgentRole.REVIEWER))
                    .isEqualTo(new AgentModel("judge", new Prices(BigDecimal.ONE, new BigDecimal("9"))));
            assertThat(tier.modelFor(AgentRole.GENERATOR))
                    .isEqualTo(new AgentModel("model-a", new Prices(BigDecimal.ONE, new BigDecimal("2"))));
        }

        @Test
        void apiKeyIsReadFromTheFile() {
            Tier tier = parse(ladder(tier("a", "\"apiKey\": \"sk-file\""))).tier(0);

            assertThat(tier.apiKey()).hasValueSatisfying(key -> assertThat(key.reveal()).isEqualTo("sk-file"));
        }

        @Test
        void apiKeyEnvIsLookedUpInTheGivenEnvironment() {
            LadderLoader loader = new LadderLoader(Map.of("MY_KEY", "  sk-env \n")::get);

            Tier tier = loader.parse(ladder(tier("a", "\"apiKeyEnv\": \"MY_KEY\"")), "test").tier(0);

            assertThat(tier.apiKey()).hasValueSatisfying(key -> assertThat(key.reveal()).isEqualTo("sk-env"));
        }

        @Test
        void aTierWithoutKeyHasNone() {
            assertThat(parse(ladder(tier("a"))).tier(0).apiKey()).isEmpty();
        }
    }

    @Nested
    class Fingerprint {

        @Test
        void sameContentGivesTheSameFingerprint() {
            String json = ladder(tier("a"), tier("b"));

            assertThat(parse(json).fingerprint()).isEqualTo(parse(json).fingerprint()).hasSize(32);
        }

        @Test
        void differentContentGivesADifferentFingerprint() {
            assertThat(parse(ladder(tier("a"), tier("b"))).fingerprint())
                    .isNotEqualTo(parse(ladder(tier("a", "\"minAttempts\": 3"), tier("b"))).fingerprint());
        }

        @Test
        void theApiKeyIsNotPartOfTheFingerprint() {
            LadderLoader one = new LadderLoader(Map.of("KEY", "first")::get);
            LadderLoader other = new LadderLoader(Map.of("KEY", "second")::get);
            String json = ladder(tier("a", "\"apiKeyEnv\": \"KEY\""));

            assertThat(one.parse(json, "test").fingerprint()).isEqualTo(other.parse(json, "test").fingerprint());
        }
    }

    @Nested
    class Sources {

        @Test
        void theBundledDefaultIsAFreeThreeTierLadder() {
            Ladder ladder = LOADER.loadDefault();

            assertThat(ladder.tiers()).extracting(Tier::name).containsExactly("cheap", "capable", "premium");
            assertThat(ladder.tiers()).allSatisfy(tier -> {
                assertThat(tier.prices().inputPerMillion()).isZero();
                assertThat(tier.prices().outputPerMillion()).isZero();
            });
            assertThat(ladder.top().mode()).isEqualTo(AgentMode.FULL);
        }

        @Test
        void loadsAFile(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("ladder.json");
            Files.writeString(file, ladder(tier("a"), tier("b")));

            assertThat(LOADER.load(file).tiers()).extracting(Tier::name).containsExactly("a", "b");
        }

        @Test
        void aMissingFileIsReportedWithItsPath(@TempDir Path dir) {
            Path file = dir.resolve("absent.json");

            assertThatThrownBy(() -> LOADER.load(file))
                    .isInstanceOf(InvalidLadderException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("cannot read the file");
        }

        @Test
        void errorsOfAFileNameTheFile(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("broken.json");
            Files.writeString(file, "{\"tiers\": []}");

            assertThatThrownBy(() -> LOADER.load(file)).hasMessageStartingWith("Ladder " + file + " is invalid (1 error)");
        }
    }

    @Nested
    class Validation {

        @Test
        void anUnknownFieldIsReportedWithTheTier() {
            assertThat(errorsOf(ladder(tier("a", "\"temperature\": 0.2"))))
                    .singleElement(STRING)
                    .startsWith("tier 'a' (tiers[0]): ")
                    .contains("temperature");
        }

        @Test
        void anUnknownThresholdIsReportedWithItsPath() {
            assertThat(errorsOf(ladder(tier("a", "\"thresholds\": {\"succesCqs\": 90}"))))
                    .singleElement(STRING)
                    .startsWith("tier 'a' (tiers[0]): thresholds: ")
                    .contains("succesCqs");
        }

        @Test
        void aWrongTypeIsReportedWithTheField() {
            assertThat(errorsOf(ladder(tier("a", "\"minAttempts\": \"two\""))))
                    .singleElement(STRING)
                    .startsWith("tier 'a' (tiers[0]): minAttempts: ")
                    .contains("integer");
        }

        @ParameterizedTest
        @ValueSource(strings = {"inputPricePerMillion", "outputPricePerMillion"})
        void aNegativePriceIsRefused(String field) {
            String json = ladder(tier("a").replaceAll("\"" + field + "\": \\d+", "\"" + field + "\": -0.5"));

            assertThat(errorsOf(json)).singleElement(STRING)
                    .startsWith("tier 'a' (tiers[0]): " + field + ": ")
                    .contains("minimum");
        }

        @Test
        void aMissingRequiredFieldIsNamed() {
            String json = ladder(tier("a").replace("\"model\": \"model-a\",", ""));

            assertThat(errorsOf(json)).singleElement(STRING)
                    .startsWith("tier 'a' (tiers[0]): ")
                    .contains("model");
        }

        @Test
        void aTierWithoutANameIsNamedByItsIndex() {
            String json = ladder(tier("a"), tier("b").replace("\"name\": \"b\",", ""));

            assertThat(errorsOf(json)).singleElement(STRING)
                    .startsWith("tiers[1]: ")
                    .contains("name");
        }

        @Test
        void aMinimumAboveTheMaximumIsRefused() {
            assertThat(errorsOf(ladder(tier("a", "\"minAttempts\": 3, \"maxAttempts\": 2"), tier("b"))))
                    .containsExactly("tier 'a' (tiers[0]): minAttempts: is 3, more than maxAttempts (2)");
        }

        @Test
        void duplicateNamesAreRefusedOnTheLaterTier() {
            assertThat(errorsOf(ladder(tier("same"), tier("same"))))
                    .containsExactly("tier 'same' (tiers[1]): name: another tier already has this name");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://example.com/v1", "localhost:11434/v1", "http://", "/v1", "mailto:me@example.com"})
        void aBaseUrlThatIsNotAnAbsoluteHttpUrlIsRefused(String baseUrl) {
            String json = ladder(tier("a").replace("http://localhost:11434/v1", baseUrl));

            assertThat(errorsOf(json)).singleElement(STRING)
                    .startsWith("tier 'a' (tiers[0]): baseUrl: '" + baseUrl + "' is not");
        }

        @Test
        void aBaseUrlThatIsNotAUriAtAllIsRefused() {
            String json = ladder(tier("a").replace("http://localhost:11434/v1", "http://local host/v1"));

            assertThat(errorsOf(json)).singleElement(STRING)
                    .startsWith("tier 'a' (tiers[0]): baseUrl: 'http://local host/v1' is not a URL");
        }

        @Test
        void aMissingBaseUrlIsRefused() {
            String json = ladder(tier("a").replace("\"baseUrl\": \"http://localhost:11434/v1\",", ""));

            assertThat(errorsOf(json)).singleElement(STRING)
                    .startsWith("tier 'a' (tiers[0]): baseUrl: is required");
        }

        @Test
        void apiKeyAndApiKeyEnvTogetherAreRefused() {
            LadderLoader loader = new LadderLoader(Map.of("KEY", "value")::get);

            assertThat(errorsOf(loader, ladder(tier("a", "\"apiKey\": \"sk\", \"apiKeyEnv\": \"KEY\""))))
                    .containsExactly("tier 'a' (tiers[0]): apiKey: give one of apiKey, apiKeyEnv, apiKeyFile or apiKeySecret, not several");
        }

        @ParameterizedTest
        @ValueSource(strings = {"UNSET_KEY", "BLANK_KEY"})
        void anApiKeyEnvNamingAnUnsetOrBlankVariableIsRefused(String variable) {
            LadderLoader loader = new LadderLoader(Map.of("BLANK_KEY", "   ")::get);

            assertThat(errorsOf(loader, ladder(tier("a", "\"apiKeyEnv\": \"" + variable + "\""))))
                    .containsExactly("tier 'a' (tiers[0]): apiKeyEnv: environment variable " + variable + " is not set");
        }

        @Test
        void aMinCqsAboveTheSuccessCqsIsRefused() {
            assertThat(errorsOf(ladder(tier("a", "\"thresholds\": {\"minCqs\": 85}"), tier("b"))))
                    .containsExactly("tier 'a' (tiers[0]): thresholds.minCqs: is 85.0, above successCqs (80.0)");
        }

        @Test
        void anImmediateEscalationCqsAboveTheSuccessCqsIsRefused() {
            assertThat(errorsOf(ladder(tier("a", "\"thresholds\": {\"immediateEscalationCqs\": 90}"), tier("b"))))
                    .containsExactly("tier 'a' (tiers[0]): thresholds.immediateEscalationCqs: is 90.0, above successCqs (80.0)");
        }

        @Test
        void anImmediateEscalationCqsOfTheWrongTypeGetsOneClearError() {
            assertThat(errorsOf(ladder(tier("a", "\"thresholds\": {\"immediateEscalationCqs\": \"low\"}"))))
                    .singleElement(STRING)
                    .startsWith("tier 'a' (tiers[0]): thresholds.immediateEscalationCqs: ")
                    .contains("number");
        }

        @Test
        void zeroTiersAreRefused() {
            assertThat(errorsOf("{\"tiers\": []}")).singleElement(STRING)
                    .startsWith("tiers: ");
        }

        @Test
        void aFileWithoutTiersIsRefused() {
            assertThat(errorsOf("{}")).singleElement(STRING)
                    .contains("tiers");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   \n\t  "})
        void anEmptyFileIsRefused(String content) {
            assertThat(errorsOf(content)).containsExactly("the file is empty");
        }

        @Test
        void invalidJsonIsReportedWithLineAndColumn() {
            // line 2 is `  {"name": "a",, }`: the second comma, the first character that cannot be, is column 16
            String json = "{\"tiers\": [\n  {\"name\": \"a\",, }\n]}";

            assertThat(errorsOf(json)).singleElement(STRING)
                    .startsWith("not valid JSON: ")
                    .endsWith("(line 2, column 16)")
                    .doesNotContain("REDACTED");
        }

        @Test
        void contentAfterTheDocumentIsInvalidJson() {
            // a stray closing brace must not be silently ignored; it is the first character of line 3
            String json = ladder(tier("a")) + "\n}";

            assertThat(errorsOf(json)).singleElement(STRING)
                    .startsWith("not valid JSON: ")
                    .endsWith("(line 3, column 1)");
        }

        @Test
        void aKeyGivenTwiceIsInvalidJson() {
            // otherwise the first "thresholds" object would be dropped without a word
            String json = ladder(tier("a", "\"thresholds\": {\"minCqs\": 60}, \"thresholds\": {\"successCqs\": 90}"));

            assertThat(errorsOf(json)).singleElement(STRING)
                    .startsWith("not valid JSON: ")
                    .contains("Duplicate field 'thresholds'");
        }

        @Test
        void aSecondDocumentIsInvalidJson() {
            assertThat(errorsOf(ladder(tier("a")) + " " + ladder(tier("b"))))
                    .singleElement(STRING)
                    .startsWith("not valid JSON: unexpected text after the end of the JSON document");
        }

        @Test
        void everyErrorIsReportedAtOnce() {
            LadderLoader loader = new LadderLoader(Map.<String, String>of()::get);
            String json = ladder(
                    tier("a", "\"color\": \"blue\""),
                    tier("b", "\"minAttempts\": 4, \"maxAttempts\": 3, \"apiKeyEnv\": \"NOT_SET\""),
                    tier("b").replace("\"inputPricePerMillion\": 1", "\"inputPricePerMillion\": -1"),
                    tier("d", "\"thresholds\": {\"minCqs\": 95}").replace("http://localhost:11434/v1", "ftp://x"));

            List<String> errors = errorsOf(loader, json);

            // 1 schema error on a, 2 meaning errors on b, a duplicate name and a schema error on the second b,
            // 2 meaning errors on d: 7, although the schema errors alone would have stopped a one-pass check
            assertThat(errors).hasSize(7);
            assertThat(errors).anySatisfy(error -> assertThat(error).startsWith("tier 'a' (tiers[0]): ").contains("color"));
            assertThat(errors).contains(
                    "tier 'b' (tiers[1]): minAttempts: is 4, more than maxAttempts (3)",
                    "tier 'b' (tiers[1]): apiKeyEnv: environment variable NOT_SET is not set",
                    "tier 'b' (tiers[2]): name: another tier already has this name",
                    "tier 'd' (tiers[3]): baseUrl: 'ftp://x' is not an absolute http(s) URL",
                    "tier 'd' (tiers[3]): thresholds.minCqs: is 95.0, above successCqs (80.0)");
            assertThat(errors).anySatisfy(error -> assertThat(error)
                    .startsWith("tier 'b' (tiers[2]): inputPricePerMillion: "));
        }

        @Test
        void theExceptionMessageListsEveryError() {
            InvalidLadderException e = catchThrowableOfType(InvalidLadderException.class,
                    () -> parse(ladder(tier("x", "\"minAttempts\": 3, \"maxAttempts\": 2"), tier("x"))));

            assertThat(e.getMessage())
                    .startsWith("Ladder test is invalid (2 errors):")
                    .contains("\n  - tier 'x' (tiers[0]): minAttempts: is 3, more than maxAttempts (2)")
                    .contains("\n  - tier 'x' (tiers[1]): name: another tier already has this name");
        }

        @Test
        void aSingleErrorIsCountedInTheSingular() {
            assertThatThrownBy(() -> parse("{\"tiers\": []}")).hasMessageStartingWith("Ladder test is invalid (1 error):");
        }
    }
}
