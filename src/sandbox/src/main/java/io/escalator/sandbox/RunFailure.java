package io.escalator.sandbox;

import java.time.Duration;

/** Why a child JVM's run failed as a whole, in words fit for the next model; {@code null} when it did not. */
final class RunFailure {

    /** Exit code of a JVM ended by -XX:+ExitOnOutOfMemoryError. */
    private static final int OUT_OF_MEMORY_EXIT = 3;

    private RunFailure() {
    }

    static String describe(ChildProcess.Outcome outcome, ChildReport report, JavaTestRun run, int heapMiB,
                           long outputKillBytes) {
        String during = report.runningTest() == null ? "" : " during " + report.runningTest();
        if (outcome.timedOut()) {
            return "timed out after " + seconds(run.timeout()) + during + "; the child JVM was killed";
        }
        if (outcome.outputExceeded()) {
            return "too much output: more than " + outputKillBytes / (1024 * 1024) + " MiB" + during
                    + "; the child JVM was killed";
        }
        if (report.exitingTest() != null) {
            String test = report.exitingTest().isEmpty() ? "" : " during " + report.exitingTest();
            String caller = report.exitCaller() == null || report.exitCaller().isEmpty() ? ""
                    : " by " + report.exitCaller();
            return "the JVM was ended with System.exit(" + outcome.exitCode() + ")" + caller + test
                    + ": tests and the code they test must not end the JVM";
        }
        if (outcome.exitCode() == OUT_OF_MEMORY_EXIT && outcome.output().contains(ChildJvm.OUT_OF_MEMORY)) {
            return "out of memory: the tests used more than the " + heapMiB + " MiB heap" + during
                    + " (java.lang.OutOfMemoryError); the child JVM was ended";
        }
        if (report.runnerError() != null) {
            return "the test runner failed: " + report.runnerError();
        }
        if (!report.done()) {
            return "the JVM ended before the tests finished, with exit code " + outcome.exitCode() + during
                    + " (Runtime.halt, a crash, or the JVM could not start; see the output)";
        }
        if (report.run() == 0 && report.failures().isEmpty()) {
            return "no tests ran: JUnit found no test in " + run.testClass()
                    + " (test methods need @Test and must not be private or static)";
        }
        return null;
    }

    private static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
