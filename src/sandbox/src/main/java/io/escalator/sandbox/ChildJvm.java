package io.escalator.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.escalator.sandbox.SandboxOptions.Startup;
import io.escalator.sandbox.child.ChildMain;

/**
 * The child JVM's command line: the JVM running the engine ({@code java.home}), its limits, the start-up
 * optimisations, and a class path of three fixed jars: JUnit, {@link ChildMain}, JaCoCo's runtime.
 *
 * <p>Coverage: the class under test is instrumented offline by the parent ({@link CoverageAnalysis}), so the child
 * runs without {@code -javaagent}; measured with AppCDS, the agent cost about 140 ms per start (its ASM and
 * instrumentation), and it keeps itself out of the archive (which refuses agents without a diagnostic flag).
 *
 * <p>AppCDS: the class path is the same three jars on every run (the compiled classes are loaded by ChildMain from a
 * directory given as an argument), because a dynamic archive is only valid with the class path it was made with and
 * cannot be made with a non-empty directory on the class path. The archive's name carries a hash of everything it
 * depends on (JVM build, jars, flags), so a changed JDK or jar gets a new one rather than a silently rejected one.
 */
final class ChildJvm {

    /** What the JVM prints when -XX:+ExitOnOutOfMemoryError ends it (exit code 3). */
    static final String OUT_OF_MEMORY = "Terminating due to java.lang.OutOfMemoryError";

    private final SandboxOptions options;
    private final ChildJars jars;
    private final Path javaBin;
    private final Path archive;

    ChildJvm(SandboxOptions options, ChildJars jars) {
        this.options = options;
        this.jars = jars;
        this.javaBin = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        this.archive = options.cacheDir().resolve("cds").resolve("sandbox-" + ChildJars.sha256(
                String.join("\n", archiveKey()).getBytes(StandardCharsets.UTF_8)).substring(0, 16) + ".jsa");
    }

    Path archive() {
        return archive;
    }

    /** What the tests compile against: JUnit Jupiter's API (and JUnit 4, Hamcrest, opentest4j) in one jar. */
    Path junitJar() {
        return jars.junit();
    }

    /**
     * @param dir            the attempt's directory: working directory, home, temp dir, report and coverage files
     * @param archiveOptions {@code -XX:SharedArchiveFile=...} to use an archive, {@code -XX:ArchiveClassesAtExit=...}
     *                       to make one, or nothing
     */
    List<String> command(Path dir, String testClass, String classUnderTest, List<String> archiveOptions) {
        return command(dir, testClass, classUnderTest, archiveOptions, Duration.ofMinutes(10));
    }

    /** @param selfDeadline when the child halts by itself: later than the parent's limit, in case the parent dies */
    List<String> command(Path dir, String testClass, String classUnderTest, List<String> archiveOptions,
                         Duration selfDeadline) {
        List<String> command = new ArrayList<>();
        command.add(javaBin.toString());
        command.addAll(fixedOptions());
        command.addAll(archiveOptions);
        command.add("-Duser.home=" + dir);
        command.add("-Djava.io.tmpdir=" + dir.resolve("tmp"));
        // the JaCoCo runtime that the offline-instrumented class under test calls: it dumps when the JVM exits
        command.add("-Djacoco-agent.destfile=" + dir.resolve("jacoco.exec"));
        command.add("-Djacoco-agent.output=file");
        command.add("-Djacoco-agent.jmx=false");
        command.add("-cp");
        command.add(String.join(File.pathSeparator, jars.junit().toString(), jars.launcher().toString(),
                jars.agent().toString()));
        command.add(ChildJars.LAUNCHER_MAIN);
        command.add(dir.resolve("classes").toString());
        command.add(testClass);
        command.add(dir.resolve("report.tsv").toString());
        command.add(classUnderTest);
        command.add(String.valueOf(selfDeadline.toMillis()));
        return command;
    }

    String coverageRuntime() {
        return jars.coverageRuntime();
    }

    /** The options every run has, the same for making and for using the archive. */
    private List<String> fixedOptions() {
        List<String> options = new ArrayList<>(List.of(
                "-Xmx" + this.options.heapMiB() + "m",
                "-XX:MaxMetaspaceSize=128m",
                "-XX:MaxDirectMemorySize=32m",
                // exit at the first OutOfMemoryError, which no test can catch and carry on after
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:-UsePerfData", // no hsperfdata file in the shared temp dir
                "-XX:+DisableAttachMechanism",
                "-Xlog:disable", // JVM warnings (e.g. CDS's) are not the tests' output
                "-Djava.awt.headless=true",
                "-Dfile.encoding=UTF-8",
                "-Dstdout.encoding=UTF-8",
                "-Dstderr.encoding=UTF-8"));
        if (this.options.startup().contains(Startup.C1_ONLY)) {
            options.add("-XX:TieredStopAtLevel=1");
        }
        if (this.options.startup().contains(Startup.SERIAL_GC)) {
            options.add("-XX:+UseSerialGC");
        }
        return options;
    }

    private List<String> archiveKey() {
        List<String> key = new ArrayList<>(List.of(javaBin.toString(), System.getProperty("java.vm.version")));
        for (Path jar : List.of(jars.junit(), jars.launcher(), jars.agent())) {
            try {
                key.add(jar + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        key.addAll(fixedOptions());
        return key;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}
