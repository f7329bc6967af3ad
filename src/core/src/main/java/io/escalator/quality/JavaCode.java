package io.escalator.quality;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Java code in a model's answer: its first ```java (or untagged) fenced block, or the whole answer. */
public final class JavaCode {

    private static final Pattern FENCED = Pattern.compile("```(?:java|Java)?[ \\t]*\\n(.*?)\\n?```", Pattern.DOTALL);

    private JavaCode() {
    }

    public static String of(String answer) {
        Matcher fenced = FENCED.matcher(answer);
        return fenced.find() ? fenced.group(1) : answer.strip();
    }
}
