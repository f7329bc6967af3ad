package io.escalator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.ladder.Ladder;
import io.escalator.ladder.LadderLoader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayEvaluatorTest {

    /** Prompts p0..p3: cheap is right on p0 and p3, top on p0, p1 and p3. */
    private static final RecordedDataset DATA = ReplayFixtures.dataset(
            ordered("cheap", "1001", "top", "1101"), ordered("cheap", "0.001", "top", "0.01"));

    /** The engine's defaults: the first tier tries at least twice, the top tier once. */
    private static final Ladder DEFAULT_TWO_TIERS = new LadderLoader(name -> null).parse("""
            {"tiers": [
              {"name": "c", "provider": "replay", "model": "cheap", "inputPricePerMillion": 0, "outputPricePerMillion": 0},
              {"name": "t", "provider": "replay", "model": "top", "inputPricePerMillion": 0, "outputPricePerMillion": 0}
            ]}""", "test");

    @Test
    void climbsTheLadderWithThePolicysDecisionsAndPaysForEveryAttempt() {
        ReplayReport report = ReplayReport.replay(DATA, DEFAULT_TWO_TIERS, GateNoise.EXACT);

        // p0, p3: cheap passes at once ($0.001 each); p1: cheap fails twice, top passes ($0.012);
        // p2: cheap fails twice, top fails: needs a person ($0.012), not correct
        LadderResult ladder = report.ladder();
        assertThat(ladder.correct()).isEqualTo(3);
        assertThat(ladder.accuracy()).isEqualTo(0.75);
        assertThat(ladder.needsHuman()).isEqualTo(1);
        assertThat(ladder.totalCost()).isEqualByComparingTo("0.026");
        assertThat(ladder.costPerPrompt()).isEqualByComparingTo("0.0065");
        assertThat(ladder.reached()).containsExactly(4, 2);
        assertThat(ladder.reachedShare(1)).isEqualTo(0.5);

        assertThat(report.premium().model()).isEqualTo("top");
        assertThat(report.premium().accuracy()).isEqualTo(0.75);
        assertThat(report.premium().costPerPrompt()).isEqualByComparingTo("0.01");
        assertThat(report.singleModels()).extracting(SingleModelResult::accuracy).containsExactly(0.5, 0.75);
        assertThat(report.savingsPercent()).isEqualTo(35.0);
        assertThat(report.meetsPremiumAccuracy()).isTrue();
        assertThat(report.skippedPrompts()).isZero();
    }

    @Test
    void aWronglyPassedAnswerCountsAsWrongAndARetryPaysForTheSameAnswerAgain() {
        // every verdict flipped: right answers are failed on every attempt, wrong ones passed at once
        ReplayReport report = ReplayReport.replay(DATA, DEFAULT_TWO_TIERS, new GateNoise(1, 3));

        // p0, p3: cheap fails twice, top fails: $0.012 each, needs a person; p1, p2: cheap's wrong answer passes: $0.001
        assertThat(report.ladder().correct()).isZero();
        assertThat(report.ladder().needsHuman()).isEqualTo(2);
        assertThat(report.ladder().totalCost()).isEqualByComparingTo("0.026");
        assertThat(report.meetsPremiumAccuracy()).isFalse();
    }

    @Test
    void aTierReplaysItsGeneratorsModelAsTheRunningEngineCallsIt() {
        Ladder generatorIsTop = new LadderLoader(name -> null).parse("""
                {"tiers": [
                  {"name": "c", "provider": "replay", "model": "cheap", "inputPricePerMillion": 0,
                   "outputPricePerMillion": 0, "agents": {"generator": {"model": "top"}}},
                  {"name": "t", "provider": "replay", "model": "top", "inputPricePerMillion": 0, "outputPricePerMillion": 0}
                ]}""", "test");

        // every prompt is answered by top on the first tier: p0, p1, p3 pass at once; p2 fails twice, then on top
        LadderResult ladder = ReplayReport.replay(DATA, generatorIsTop, GateNoise.EXACT).ladder();
        assertThat(ladder.correct()).isEqualTo(3);
        assertThat(ladder.totalCost()).isEqualByComparingTo("0.06");
    }

    @Test
    void theJsonHasTheAgreedShape() {
        var json = ReplayReport.replay(DATA, DEFAULT_TWO_TIERS, GateNoise.EXACT).toJson();

        assertThat(json.path("ladder").toString()).isEqualTo("[\"cheap\",\"top\"]");
        assertThat(json.path("prompts").asInt()).isEqualTo(4);
        assertThat(json.path("accuracy").asDouble()).isEqualTo(0.75);
        assertThat(json.path("costPerPrompt").decimalValue()).isEqualByComparingTo("0.0065");
        assertThat(json.path("premium").path("model").asText()).isEqualTo("top");
        assertThat(json.path("premium").path("accuracy").asDouble()).isEqualTo(0.75);
        assertThat(json.path("premium").path("costPerPrompt").decimalValue()).isEqualByComparingTo("0.01");
        assertThat(json.path("savingsPercent").asDouble()).isEqualTo(35.0);
    }

    static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
