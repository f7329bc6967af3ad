package io.escalator.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.escalator.sandbox.JavaTestResult.TestFailure;
import io.escalator.sandbox.child.ChildMain;

/** What the child's {@link ChildMain} wrote about the run, read back (see its format there). */
record ChildReport(int passed, List<TestFailure> failures, int failed, List<String> issues, String runningTest,
                   String exitingTest, String exitCaller, String runnerError, boolean done) {

    static ChildReport read(Path file) {
        List<String> lines;
        try {
            lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int passed = 0;
        int failed = 0;
        List<TestFailure> failures = new ArrayList<>();
        List<String> issues = new ArrayList<>();
        String running = null;
        String exitingTest = null;
        String exitCaller = null;
        String error = null;
        boolean done = false;
        for (String line : lines) {
            if (line.isEmpty()) {
                continue; // a line cut short when the child was killed mid-write
            }
            String[] fields = fields(line);
            String name = fields.length > 1 ? fields[1] : "";
            String message = fields.length > 2 ? fields[2] : "";
            switch (fields[0]) {
                case "S" -> running = name;
                case "P" -> {
                    passed++;
                    running = null;
                }
                case "F" -> {
                    failed++;
                    failures.add(new TestFailure(name, message));
                    running = null;
                }
                case "A", "K" -> running = null;
                case "C" -> failures.add(new TestFailure(name, message));
                case "I" -> issues.add(name);
                case "E" -> error = name;
                case "X" -> {
                    exitingTest = name;
                    exitCaller = message;
                }
                case "D" -> done = true;
                default -> {
                    // unknown or truncated: ignore
                }
            }
        }
        return new ChildReport(passed, List.copyOf(failures), failed, List.copyOf(issues), running, exitingTest,
                exitCaller, error, done);
    }

    int run() {
        return passed + failed;
    }

    private static String[] fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                field.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.toArray(String[]::new);
    }
}
