package io.escalator.model;

import io.escalator.quality.GateResult;
import io.escalator.run.Attempt;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The accumulated failures of an item, written for the next model: which checks failed how often (the patterns),
 * then every earlier attempt on every tier with its failed checks and errors, and the answers of the worst and the
 * latest attempts as examples. This is how no tier starts cold.
 */
public final class FailureHistory {

    static final int EXAMPLE_ANSWERS = 3;
    static final int MAX_ANSWER_CHARS = 1_500;

    private FailureHistory() {
    }

    /** Empty text when there is no earlier attempt. */
    public static String render(List<Attempt> earlier) {
        if (earlier.isEmpty()) {
            return "";
        }
        Set<Integer> shownAnswers = exampleSeqs(earlier);
        Set<String> tiers = earlier.stream().map(Attempt::tierName).collect(Collectors.toCollection(LinkedHashSet::new));
        StringBuilder text = new StringBuilder();
        text.append("<failure_history attempts=\"").append(earlier.size()).append("\" tiers=\"")
                .append(String.join(", ", tiers)).append("\">\n");
        Map<String, Long> patterns = patterns(earlier);
        if (!patterns.isEmpty()) {
            text.append("  <failure_patterns>\n");
            patterns.forEach((check, count) -> text.append("    <pattern check=\"").append(check)
                    .append("\" failures=\"").append(count).append("\"/>\n"));
            text.append("  </failure_patterns>\n");
        }
        for (Attempt attempt : earlier) {
            text.append("  <attempt tier=\"").append(attempt.tierName()).append("\" number=\"")
                    .append(attempt.attemptAtTier()).append("\" cqs=\"").append(attempt.cqs()).append("\">\n");
            if (attempt.failure() != null) {
                text.append("    <error>").append(attempt.failure()).append("</error>\n");
            }
            if (attempt.output() != null && shownAnswers.contains(attempt.seq())) {
                text.append("    <answer>").append(truncate(attempt.output())).append("</answer>\n");
            }
            for (GateResult gate : attempt.gates()) {
                if (!gate.passed()) {
                    text.append("    <failed_check type=\"").append(gate.type()).append("\">").append(gate.message())
                            .append("</failed_check>\n");
                }
            }
            text.append("  </attempt>\n");
        }
        return text.append("</failure_history>").toString();
    }

    /** How often each kind of check failed, most frequent first; model errors count as {@code model-error}. */
    private static Map<String, Long> patterns(List<Attempt> earlier) {
        Map<String, Long> counts = earlier.stream()
                .flatMap(attempt -> attempt.failure() != null
                        ? java.util.stream.Stream.of("model-error")
                        : attempt.gates().stream().filter(gate -> !gate.passed()).map(GateResult::type))
                .collect(Collectors.groupingBy(check -> check, Collectors.counting()));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** The worst answers (lowest CQS) and the latest one are shown in full; the others by their failures only. */
    private static Set<Integer> exampleSeqs(List<Attempt> earlier) {
        Set<Integer> seqs = earlier.stream()
                .filter(attempt -> attempt.output() != null)
                .sorted(Comparator.comparingDouble(Attempt::cqs).thenComparing(Attempt::seq, Comparator.reverseOrder()))
                .limit(EXAMPLE_ANSWERS)
                .map(Attempt::seq)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        seqs.add(earlier.getLast().seq());
        return seqs;
    }

    private static String truncate(String answer) {
        return answer.length() <= MAX_ANSWER_CHARS ? answer
                : answer.substring(0, MAX_ANSWER_CHARS) + "\n[... " + (answer.length() - MAX_ANSWER_CHARS) + " more characters]";
    }
}
