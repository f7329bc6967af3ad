package io.escalator.analytics;

import static io.escalator.testkit.ScriptedChatModels.Answer.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalator.analytics.TelemetryDataset.LeftOut;
import io.escalator.analytics.TelemetryDataset.TierBasis;
import io.escalator.analytics.TelemetryLadderSuggestion.LeftOutItems;
import io.escalator.analytics.TelemetryLadderSuggestion.Status;
import io.escalator.analytics.TelemetryLadderSuggestion.TierFigure;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.LadderLoader;
import io.escalator.ladder.Tier;
import io.escalator.store.EscalatorTable;
import io.escalator.store.TelemetryStore;
import io.escalator.telemetry.CallRecord;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.TestRuns;
import io.escalator.validation.FieldError;
import io.escalator.validation.InvalidRequestException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A ladder learned from telemetry written to DynamoDB Local by the telemetry store, on hand-computed examples. The
 * ladder's premium tier runs the full team (three calls an attempt); each attempt's cost is split over its calls.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class TelemetryLadderServiceTest {

    private static final Instant NOW = Instant.parse("2100-03-31T12:00:00Z");
    private static final Instant DAY_AGO = NOW.minus(Duration.ofDays(1));
    private static final String LADDER_FILE = LadderFiles.KEYED;
    private static final Ladder LADDER = LadderFiles.keyed();

    private DynamoDbLocal dynamoDb;
    private String table;
    private TelemetryStore telemetry;
    private int runs;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        this.dynamoDb = dynamoDb;
        table = dynamoDb.uniqueTableName("ladder");
        EscalatorTable.createIfMissing(dynamoDb.client(), table);
        telemetry = new TelemetryStore(dynamoDb.client(), table, Duration.ofDays(90));
    }

    private TelemetryLadderService service(int minItems, int maxCalls) {
        return new TelemetryLadderService(telemetry, Engine.WORKFLOWS, LADDER, () -> LADDER_FILE,
                Clock.fixed(NOW, ZoneOffset.UTC), new TelemetryLadderService.Limits(minItems, maxCalls, 90));
    }

    /** A new run's item, its first attempt {@code minutesAgo} before now. */
    private ItemTelemetry item(String id, int minutesAgo) {
        return ItemTelemetry.item(LADDER, "run-" + (++runs), id, NOW.minus(Duration.ofMinutes(minutesAgo)));
    }

    private void write(ItemTelemetry... items) {
        List<CallRecord> records = new ArrayList<>();
        for (ItemTelemetry item : items) {
            records.addAll(item.records());
        }
        telemetry.write(records);
    }

    @Test
    void theDatasetHasATierAnswerPerItemFillsUnreachedTiersByTheAssumptionAndCountsWhatItLeavesOut() {
        write(item("i1", 80).attempt("cheap", "SUCCEED", "0.001"),
                item("i2", 70).attempt("cheap", "RETRY", "0.001").attempt("cheap", "ESCALATE", "0.001")
                        .attempt("capable", "RETRY", "0.01").attempt("capable", "SUCCEED", "0.01"),
                item("i3", 60).attempt("cheap", "RETRY", "0.001").attempt("cheap", "ESCALATE", "0.001")
                        .attempt("capable", "RETRY", "0.01").attempt("capable", "ESCALATE", "0.01")
                        .attempt("premium", "SUCCEED", "0.12"),
                item("i4", 50).attempt("cheap", "RETRY", "0.001").attempt("cheap", "ESCALATE", "0.001")
                        .attempt("capable", "RETRY", "0.01").attempt("capable", "ESCALATE", "0.01")
                        .attempt("premium", "NEEDS_HUMAN", "0.12"),
                // left out: stopped by the budget on capable; still running on cheap
                item("i5", 40).attempt("cheap", "RETRY", "0.001").attempt("cheap", "ESCALATE", "0.001")
                        .attempt("capable", "BUDGET_EXHAUSTED", "0.01"),
                item("i6", 30).attempt("cheap", "RETRY", "0.001"),
                // left out: cheap ran another model then
                item("i7", 20).attemptOnModel("cheap", "old-cheap-model", "SUCCEED", "0.001"),
                // left out: its first attempt was made 40 days ago, before the period
                item("i8", 40 * 24 * 60).attempt("cheap", "RETRY", "0.001").thenAt(DAY_AGO)
                        .attempt("cheap", "ESCALATE", "0.001").attempt("capable", "SUCCEED", "0.01"));

        TelemetryLadderSuggestion answer = service(4, 1000).suggest("prompt", "30");

        // cheap | capable | premium, per item (a = assumed at the tier's mean cost per item)
        // i1  ok .001 | ok .02 a | ok .12 a
        // i2  no .002 | ok .02   | ok .12 a
        // i3  no .002 | no .02   | ok .12
        // i4  no .002 | no .02   | no .12
        TelemetryLadderSuggestion.Basis basis = answer.basis();
        assertThat(basis.items()).isEqualTo(4);
        assertThat(basis.runs()).isEqualTo(4);
        assertThat(basis.itemsLeftOut()).extracting(LeftOutItems::reason, LeftOutItems::items).containsExactly(
                tuple(LeftOut.INCOMPLETE_HISTORY, 1), tuple(LeftOut.OTHER_LADDER, 1), tuple(LeftOut.UNFINISHED, 2));
        assertThat(basis.tiers()).extracting(TierBasis::tier, TierBasis::itemsReached, TierBasis::itemsSolved,
                TierBasis::itemsAssumedSolved).containsExactly(
                tuple("cheap", 4, 1, 0), tuple("capable", 3, 1, 1), tuple("premium", 2, 1, 2));
        assertThat(basis.tiers()).extracting(TierBasis::costPerItem).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("0.00175"), new BigDecimal("0.02"), new BigDecimal("0.12"));
        assertThat(basis.assumption()).isEqualTo(TelemetryDataset.ASSUMPTION);
        assertThat(basis.since()).isEqualTo(NOW.minus(Duration.ofDays(30)));
        assertThat(basis.callsRead()).isEqualTo(1 + 4 + 7 + 7 + 3 + 1 + 1 + 2);
        assertThat(basis.callLimitReached()).isFalse();

        // the current ladder: .001 + .022 + .142 + .142 = .307 for 3 of 4; every other ladder that solves 3 costs
        // more (capable > premium .32, cheap > premium .367, premium .48)
        assertThat(answer.status()).isEqualTo(Status.SUGGESTED);
        assertThat(answer.current().accuracy()).isEqualTo(0.75);
        assertThat(answer.current().costPerItem()).isEqualByComparingTo("0.07675");
        assertThat(answer.current().tiers()).extracting(TierFigure::tier, TierFigure::reachedShare)
                .containsExactly(tuple("cheap", 1.0), tuple("capable", 0.75), tuple("premium", 0.5));
        assertThat(answer.suggested().tiers()).extracting(TierFigure::tier)
                .containsExactly("cheap", "capable", "premium");
        assertThat(answer.suggested().costPerItem()).isEqualByComparingTo("0.07675");
        assertThat(answer.suggested().savingsPercent()).isZero();
        assertThat(answer.message()).startsWith("The current ladder is already the cheapest");
    }

    @Test
    void learnsFromTheTelemetryThatRealRunsRecord() {
        ScriptedChatModels models = new ScriptedChatModels()
                .answer("cheap-model", "forty-two", text("42", 1000, 500))
                .answer("cheap-model", "Which number", text("41", 1000, 500))
                .answer("capable-model", text("42", 2000, 400));
        Engine engine = Engine.builder(dynamoDb.client(), table).ladder(LADDER).models(models)
                .clock(MutableClock.at("2100-03-31T11:00:00Z")).build();
        Run run = engine.start(TestRuns.run().item("a", "Say forty-two.").item("b", "Which number answers everything?"));
        assertThat(engine.driver.drive(run.id())).isEqualTo(RunStatus.SUCCEEDED);

        TelemetryLadderSuggestion answer = service(2, 1000).suggest("prompt", null);

        // a: cheap solves it ($0.00045); b: cheap fails twice ($0.0009), capable solves it ($0.012)
        assertThat(answer.basis().runs()).isEqualTo(1);
        assertThat(answer.basis().tiers()).extracting(TierBasis::tier, TierBasis::itemsReached, TierBasis::itemsSolved,
                TierBasis::itemsAssumedSolved).containsExactly(
                tuple("cheap", 2, 1, 0), tuple("capable", 1, 1, 1), tuple("premium", 0, 0, 0));
        assertThat(answer.basis().tiers()).extracting(TierBasis::costPerItem)
                .containsExactly(new BigDecimal("0.000675"), new BigDecimal("0.012"), null);
        assertThat(answer.current().accuracy()).isEqualTo(1.0);
        assertThat(answer.current().costPerItem()).isEqualByComparingTo("0.006675");
        assertThat(answer.suggested().tiers()).extracting(TierFigure::tier)
                .containsExactly("cheap", "capable", "premium");
        assertThat(answer.notes()).first().asString().startsWith("tier 'premium': no item of the period reached it");
    }

    @Test
    void belowTheMinimumItemsTheAnswerSaysHowManyThereAreAndHowManyAreNeeded() {
        ItemTelemetry[] items = new ItemTelemetry[99];
        for (int i = 0; i < items.length; i++) {
            items[i] = item("i" + i, 200 - i).attempt("cheap", "SUCCEED", "0.001");
        }
        write(items);
        write(item("running", 1).attempt("cheap", "RETRY", "0.001"));

        TelemetryLadderSuggestion answer = service(100, 20_000).suggest(null, null);

        assertThat(answer.status()).isEqualTo(Status.INSUFFICIENT_HISTORY);
        assertThat(answer.message()).isEqualTo("Not enough history for a ladder suggestion: 99 usable items on the"
                + " current ladder in the last 30 days, 100 needed.");
        assertThat(answer.basis().items()).isEqualTo(99);
        assertThat(answer.basis().minItems()).isEqualTo(100);
        assertThat(answer.basis().itemsLeftOut()).extracting(LeftOutItems::reason, LeftOutItems::items)
                .containsExactly(tuple(LeftOut.UNFINISHED, 1));
        assertThat(answer.workflow()).isNull();
        assertThat(answer.current()).isNull();
        assertThat(answer.suggested()).isNull();
        assertThat(answer.ladderFile()).isNull();
    }

    @Test
    void aMiddleTierThatNeverSolvesAnythingIsDroppedAndTheFileKeepsTheOtherTiersAsWritten() {
        List<ItemTelemetry> items = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            items.add(item("easy" + i, 300 - i).attempt("cheap", "SUCCEED", "0.001"));
        }
        for (int i = 0; i < 40; i++) {
            items.add(item("hard" + i, 200 - i).attempt("cheap", "RETRY", "0.001").attempt("cheap", "ESCALATE", "0.001")
                    .attempt("capable", "RETRY", "0.01").attempt("capable", "ESCALATE", "0.01")
                    .attempt("premium", "SUCCEED", "0.12"));
        }
        write(items.toArray(ItemTelemetry[]::new));

        TelemetryLadderSuggestion answer = service(100, 20_000).suggest("prompt", null);

        // current: 60 x .001 + 40 x (.002 + .02 + .12) = 5.74; cheap > premium: 60 x .001 + 40 x (.002 + .12) = 4.94,
        // 1 - 4.94 / 5.74 = 13.94% less; capable > premium costs 60 x .02 + 40 x .14 = 6.80, premium alone 12
        assertThat(answer.status()).isEqualTo(Status.SUGGESTED);
        assertThat(answer.current().accuracy()).isEqualTo(1.0);
        assertThat(answer.current().costPerItem()).isEqualByComparingTo("0.0574");
        assertThat(answer.suggested().tiers()).extracting(TierFigure::tier, TierFigure::model, TierFigure::reachedShare)
                .containsExactly(tuple("cheap", "cheap-model", 1.0), tuple("premium", "premium-model", 0.4));
        assertThat(answer.suggested().accuracy()).isEqualTo(1.0);
        assertThat(answer.suggested().costPerItem()).isEqualByComparingTo("0.0494");
        assertThat(answer.suggested().savingsPercent()).isEqualTo(13.94);
        assertThat(answer.message()).isEqualTo("Suggested: cheap > premium, solving 100 of 100 items (the current"
                + " ladder 100) for 13.94% less per item.");
        assertThat(answer.notes()).isEmpty();

        JsonNode file = answer.ladderFile();
        assertThat(file.path("$schema").asText()).isEqualTo("./ladder.schema.json");
        assertThat(file.path("tiers").findValuesAsText("name")).containsExactly("cheap", "premium");
        assertThat(file.toString()).doesNotContain("sk-written-into-the-file");
        JsonNode premium = file.path("tiers").get(1);
        assertThat(premium.path("apiKeySecret").asText()).isEqualTo("escalator/premium-key");
        assertThat(premium.path("agents").path("reviewer").path("inputPricePerMillion").decimalValue())
                .isEqualByComparingTo("1");

        Ladder deployed = new LadderLoader(Map.of("CHEAP_KEY", "cheap-key")::get,
                id -> id.equals("escalator/premium-key") ? Optional.of("premium-key") : Optional.empty())
                .parse(file.toString(), "suggested");
        Tier cheap = deployed.tier(0);
        assertThat(cheap.baseUrl()).isEqualTo(URI.create("http://local.test:11434/v1"));
        assertThat(cheap.prices().inputPerMillion()).isEqualByComparingTo("0.15");
        assertThat(cheap.prices().outputPerMillion()).isEqualByComparingTo("0.60");
        assertThat(cheap.apiKey().orElseThrow().reveal()).isEqualTo("cheap-key");
        assertThat(deployed.tier(1).apiKey().orElseThrow().reveal()).isEqualTo("premium-key");
        assertThat(deployed.tier(1).timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(List.of(deployed.tier(0), deployed.tier(1))).extracting(Tier::minAttempts, Tier::maxAttempts)
                .containsExactly(tuple(LADDER.tier(0).minAttempts(), LADDER.tier(0).maxAttempts()),
                        tuple(LADDER.tier(2).minAttempts(), LADDER.tier(2).maxAttempts()));
    }

    @Test
    void theReadStopsAtTheLimitNewestFirstAndTheItemsItCutsAreLeftOut() {
        write(item("oldest", 30).attempt("cheap", "RETRY", "0.001").attempt("cheap", "ESCALATE", "0.001")
                        .attempt("capable", "SUCCEED", "0.01"),
                item("middle", 20).attempt("cheap", "SUCCEED", "0.001"),
                item("newest", 10).attempt("cheap", "SUCCEED", "0.001"));

        TelemetryLadderSuggestion answer = service(1, 3).suggest("prompt", "1");

        // newest first: newest, middle, then the oldest item's last attempt only
        assertThat(answer.basis().callsRead()).isEqualTo(3);
        assertThat(answer.basis().callLimitReached()).isTrue();
        assertThat(answer.basis().items()).isEqualTo(2);
        assertThat(answer.basis().itemsLeftOut()).extracting(LeftOutItems::reason, LeftOutItems::items)
                .containsExactly(tuple(LeftOut.INCOMPLETE_HISTORY, 1));
    }

    @Test
    void tiersNoItemReachedStayOnTopWithANote() {
        ItemTelemetry[] items = new ItemTelemetry[3];
        for (int i = 0; i < items.length; i++) {
            items[i] = item("i" + i, 10 + i).attempt("cheap", "SUCCEED", "0.001");
        }
        write(items);

        TelemetryLadderSuggestion answer = service(3, 1000).suggest("prompt", null);

        assertThat(answer.suggested().tiers()).extracting(TierFigure::tier, TierFigure::reachedShare)
                .containsExactly(tuple("cheap", 1.0), tuple("capable", 0.0), tuple("premium", 0.0));
        assertThat(answer.notes()).hasSize(3).anySatisfy(note -> assertThat(note).startsWith("tier 'capable': no item"))
                .anySatisfy(note -> assertThat(note).startsWith("tier 'premium': no item"))
                .anySatisfy(note -> assertThat(note).startsWith("tier 'capable': its API key is written in the ladder"));
        assertThat(answer.ladderFile().toString()).doesNotContain("sk-written-into-the-file");
    }

    @Test
    void badParametersAreAllNamed() {
        assertThatThrownBy(() -> service(1, 10).suggest("nope", "0"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("workflow", "days"));
        assertThatThrownBy(() -> service(1, 10).suggest("prompt", "91"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors().getFirst().message())
                        .isEqualTo("must be a whole number of days from 1 to 90 (telemetry is kept 90 days), was '91'"));
        assertThatThrownBy(() -> service(1, 10).suggest("prompt", "a week"))
                .isInstanceOf(InvalidRequestException.class);
    }
}
