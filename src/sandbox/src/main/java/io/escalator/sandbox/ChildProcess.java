package io.escalator.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as a child process with no inherited environment, a wall-clock limit and bounded output: the
 * child's stdout and stderr (merged, so in order) are drained as they come, keeping the start and the end; past a
 * hard limit the child is killed, so a test printing forever harms nothing but its own result.
 */
final class ChildProcess {

    record Outcome(int exitCode, boolean timedOut, boolean outputExceeded, String output) {
    }

    private ChildProcess() {
    }

    static Outcome run(List<String> command, Path workingDir, Duration timeout, int keepBytes, long killBytes)
            throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true);
        builder.environment().clear(); // no credentials or settings of the engine reach the generated code
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.getFirst(), e);
        }
        try {
            process.getOutputStream().close(); // a test reading System.in sees its end instead of blocking
        } catch (IOException e) {
            // the child is gone already; its exit code tells
        }
        BoundedOutput output = new BoundedOutput(keepBytes, killBytes, process);
        Thread drain = Thread.ofPlatform().daemon().name("sandbox-output-" + process.pid())
                .start(() -> output.drain(process.getInputStream()));
        boolean timedOut = false;
        try {
            timedOut = !process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            // on timeout, on an interrupt, and in case a child of the child outlived it
            killTree(process);
        }
        drain.join(Duration.ofSeconds(5));
        return new Outcome(process.exitValue(), timedOut, output.exceeded(), output.text());
    }

    private static void killTree(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the child JVM " + process.pid() + " did not die when killed");
        }
    }

    /** Keeps the first three quarters of the limit and the last quarter, counting what it drops. */
    private static final class BoundedOutput {

        private final byte[] head;
        private final byte[] tail;
        private final long killBytes;
        private final Process process;
        private int headLength;
        private long total;
        private volatile boolean exceeded;

        BoundedOutput(int keepBytes, long killBytes, Process process) {
            this.head = new byte[keepBytes - keepBytes / 4];
            this.tail = new byte[keepBytes / 4];
            this.killBytes = killBytes;
            this.process = process;
        }

        void drain(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    append(buffer, read);
                    if (total > killBytes && !exceeded) {
                        exceeded = true;
                        process.destroyForcibly();
                    }
                }
            } catch (IOException e) {
                // the stream closes when the child is killed
            }
        }

        private synchronized void append(byte[] buffer, int length) {
            int toHead = Math.min(length, head.length - headLength);
            System.arraycopy(buffer, 0, head, headLength, toHead);
            headLength += toHead;
            for (int i = toHead; i < length; i++) {
                tail[(int) ((total + i - head.length) % tail.length)] = buffer[i];
            }
            total += length;
        }

        boolean exceeded() {
            return exceeded;
        }

        synchronized String text() {
            String start = new String(head, 0, headLength, StandardCharsets.UTF_8);
            long beyond = total - headLength;
            if (beyond <= 0) {
                return start;
            }
            int tailLength = (int) Math.min(beyond, tail.length);
            byte[] end = new byte[tailLength];
            for (int i = 0; i < tailLength; i++) {
                end[i] = tail[(int) ((total - tailLength + i - head.length) % tail.length)];
            }
            long dropped = beyond - tailLength;
            return start + (dropped > 0 ? "\n... [output truncated: " + dropped + " bytes left out] ...\n" : "")
                    + new String(end, StandardCharsets.UTF_8);
        }
    }
}
