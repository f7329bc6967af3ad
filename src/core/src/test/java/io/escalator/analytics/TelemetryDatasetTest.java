package io.escalator.analytics;

import static io.escalator.analytics.ItemTelemetry.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.analytics.TelemetryDataset.LeftOut;
import io.escalator.ladder.Ladder;
import io.escalator.ladder.RunningLadderText;
import io.escalator.replay.RecordedAnswer;
import io.escalator.telemetry.CallRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which items the dataset can use: those whose every tier is known, on the current ladder. */
class TelemetryDatasetTest {

    /** Both tiers run the full team (the top by default): three calls an attempt, at one time. */
    private static final Ladder LADDER = RunningLadderText.withoutKeys().parse("""
            {"tiers": [
              {"name": "team", "provider": "openai", "baseUrl": "http://models.test/v1", "model": "small",
               "mode": "full", "agents": {"analyzer": {"model": "small-analyzer"}},
               "inputPricePerMillion": 1, "outputPricePerMillion": 2},
              {"name": "top", "provider": "openai", "baseUrl": "http://models.test/v1", "model": "large",
               "inputPricePerMillion": 10, "outputPricePerMillion": 20}
            ]}
            """, "test");
    private static final Instant T0 = Instant.parse("2100-03-01T10:00:00Z");

    @Test
    void anItemWhoseAttemptIsOnlyPartlyReadAtTheReadLimitIsLeftOut() {
        List<CallRecord> older = item(LADDER, "run-1", "older", T0).attempt("team", "SUCCEED", "0.03").records();
        List<CallRecord> newer = item(LADDER, "run-2", "newer", T0.plusSeconds(5)).attempt("team", "SUCCEED", "0.03")
                .records();
        // newest first, the read stopped after the first of the older item's three calls
        List<CallRecord> read = new ArrayList<>(newer);
        read.add(older.getLast());

        TelemetryDataset cut = TelemetryDataset.of(read, true, LADDER, "test");

        assertThat(cut.data().prompts()).extracting(prompt -> prompt.sampleId()).containsExactly("run-2/newer");
        assertThat(cut.leftOut()).isEqualTo(Map.of(LeftOut.INCOMPLETE_HISTORY, 1));
        assertThat(cut.data().prompts().getFirst().answer("team")).contains(new RecordedAnswer(true, "",
                new BigDecimal("0.03")));
    }

    @Test
    void anItemThatSkipsATierIsIncomplete() {
        List<CallRecord> calls = item(LADDER, "run-1", "a", T0).attempt("top", "SUCCEED", "0.12").records();

        TelemetryDataset dataset = TelemetryDataset.of(calls, false, LADDER, "test");

        assertThat(dataset.items()).isZero();
        assertThat(dataset.leftOut()).isEqualTo(Map.of(LeftOut.INCOMPLETE_HISTORY, 1));
        assertThat(dataset.unobservedTiers()).containsExactly("team", "top");
    }

    @Test
    void aCallOfAnAgentOnAnotherModelOrTierIsFromAnotherLadder() {
        List<CallRecord> calls = new ArrayList<>(item(LADDER, "run-1", "a", T0).attempt("team", "SUCCEED", "0.03")
                .records());
        CallRecord analyzer = calls.getFirst();
        calls.set(0, new CallRecord(analyzer.workflow(), analyzer.runId(), analyzer.itemId(), analyzer.attemptSeq(),
                analyzer.callIndex(), analyzer.role(), analyzer.tierIndex(), analyzer.tier(), "small", analyzer.provider(),
                analyzer.inputTokens(), analyzer.outputTokens(), analyzer.cost(), analyzer.durationMs(), analyzer.outcome(),
                analyzer.cqs(), analyzer.decision(), analyzer.escalated(), null, analyzer.at()));
        CallRecord renamed = item(LADDER, "run-2", "b", T0).attempt("team", "SUCCEED", "0.03").records().getFirst();
        List<CallRecord> otherTier = List.of(new CallRecord(renamed.workflow(), renamed.runId(), renamed.itemId(), 1, 0,
                renamed.role(), 0, "cheap", renamed.model(), renamed.provider(), 1, 1, renamed.cost(), 1,
                renamed.outcome(), 100, "SUCCEED", false, null, renamed.at()));
        calls.addAll(otherTier);

        TelemetryDataset dataset = TelemetryDataset.of(calls, false, LADDER, "test");

        assertThat(dataset.items()).isZero();
        assertThat(dataset.leftOut()).isEqualTo(Map.of(LeftOut.OTHER_LADDER, 2));
    }

    @Test
    void anItemTheTopTierGaveUpOnIsUsedWithEveryTierWrong() {
        List<CallRecord> calls = item(LADDER, "run-1", "a", T0).attempt("team", "RETRY", "0.03")
                .attempt("team", "ESCALATE", "0.03").attempt("top", "NEEDS_HUMAN", "0.12").records();

        TelemetryDataset dataset = TelemetryDataset.of(calls, false, LADDER, "test");

        assertThat(dataset.data().prompts().getFirst().answers()).isEqualTo(Map.of(
                "team", new RecordedAnswer(false, "", new BigDecimal("0.06")),
                "top", new RecordedAnswer(false, "", new BigDecimal("0.12"))));
    }
}
