package io.escalator.quality;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Passes when the pattern is found in the answer. Matching is bounded in time, so a pattern that backtracks
 * catastrophically fails the gate instead of stalling the engine, and so does one that recurses too deep for the
 * answer's length.
 */
public record RegexGate(String pattern, Pattern compiled, Duration timeLimit) implements Gate {

    public static final String TYPE = "regex";
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofMillis(200);

    public static RegexGate of(String pattern) {
        return new RegexGate(pattern, Pattern.compile(pattern), DEFAULT_TIME_LIMIT);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public GateResult check(String answer) {
        try {
            boolean found = compiled.matcher(new DeadlineCharSequence(answer, System.nanoTime() + timeLimit.toNanos())).find();
            return found
                    ? GateResult.pass(TYPE, "answer matches /" + pattern + "/")
                    : GateResult.fail(TYPE, "answer does not match the pattern /" + pattern + "/");
        } catch (DeadlineCharSequence.DeadlineExceeded e) {
            return GateResult.fail(TYPE, "matching /" + pattern + "/ took longer than " + timeLimit.toMillis()
                    + " ms and was stopped");
        } catch (StackOverflowError e) {
            // java.util.regex recurses once per repetition of a group such as (.|\n)*: a few thousand characters
            // exhaust the stack. The matcher holds no shared state, so the gate fails and the engine carries on.
            return GateResult.fail(TYPE, "matching /" + pattern + "/ needed more recursion than allowed for an answer of "
                    + answer.length() + " characters and was stopped (a repeated group such as (.|\\n)* recurses "
                    + "once per character; prefer a character class such as [\\s\\S]*)");
        }
    }
}
