package io.escalator.report;

import static io.escalator.testkit.ScriptedChatModels.Answer.text;
import static io.escalator.testkit.TestLadders.CAPABLE;
import static io.escalator.testkit.TestLadders.CHEAP;
import static io.escalator.testkit.TestLadders.PREMIUM;
import static io.escalator.testkit.TestLadders.PREMIUM_ANALYZER;
import static io.escalator.testkit.TestLadders.PREMIUM_REVIEWER;

import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.TestRuns;
import java.time.Duration;

/**
 * Runs for the report tests, driven to their end on the priced ladder. Every model call takes one second of the test
 * clock. Usage per call: cheap 1000/500 tokens ($0.00045), capable 2000/400 ($0.012), premium analyzer 300/100,
 * generator 1000/500, reviewer 800/50 ($0.08025 for the attempt).
 */
final class ReportRuns {

    static final String WRONG = "The answer is 41";
    static final String ANALYSIS = "Both tiers answered 41; the product is 42.";

    private ReportRuns() {
    }

    /**
     * Item {@code a}: wrong, then right on the cheap tier. Item {@code b}: wrong everywhere, so it needs a human after
     * 2 cheap, 2 capable and 1 premium attempts. Budget: $1, 3600 s, 20 attempts (none of them reached).
     */
    static Run needsHuman(Engine engine, MutableClock clock) {
        engine.models.answer(CHEAP, "question a", text(WRONG, 1000, 500), text("42", 1000, 500))
                .answer(CHEAP, "question b", text(WRONG, 1000, 500))
                .answer(CAPABLE, text(WRONG, 2000, 400))
                .answer(PREMIUM_ANALYZER, text(ANALYSIS, 300, 100))
                .answer(PREMIUM, text(WRONG, 1000, 500))
                .answer(PREMIUM_REVIEWER, text("{\"confidence\": 0.4, \"assessment\": \"the number is wrong\"}", 800, 50))
                .onEveryCall(() -> clock.advance(Duration.ofSeconds(1)));
        Run run = engine.start(TestRuns.run().objective("Answer with a number.").item("a", "question a")
                .item("b", "question b").maxCost("1").maxSeconds(3600).maxAttempts(20));
        RunStatus status = engine.runToEnd(run.id());
        if (status != RunStatus.NEEDS_HUMAN) {
            throw new AssertionError("the report run ended " + status);
        }
        return run;
    }

    /** One item, right at once on the cheap tier. */
    static Run succeeded(Engine engine, MutableClock clock) {
        engine.models.answer(CHEAP, text("42", 1000, 500)).onEveryCall(() -> clock.advance(Duration.ofMillis(1500)));
        Run run = engine.start(TestRuns.run().objective("What is six times seven?"));
        RunStatus status = engine.runToEnd(run.id());
        if (status != RunStatus.SUCCEEDED) {
            throw new AssertionError("the report run ended " + status);
        }
        return run;
    }
}
