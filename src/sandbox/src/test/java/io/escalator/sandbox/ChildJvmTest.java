package io.escalator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child JVM's command line, run directly. */
class ChildJvmTest {

    private static final SandboxOptions OPTIONS = SandboxOptions.defaults()
            .withCacheDir(Path.of("target", "sandbox-cache"))
            .withWorkDir(Path.of("target", "sandbox-work"));

    /** -Xshare:on refuses to start when the archive does not fit the command line: this is what -Xshare:auto hides. */
    @Test
    void theArchiveTheFirstRunMakesIsTheOneChildJvmsLoadJUnitFrom(@TempDir Path dir) throws Exception {
        ChildJvmTestSandbox sandbox = new ChildJvmTestSandbox(OPTIONS);
        sandbox.run(Samples.calculatorTest("@Test void adds() { assertEquals(5, calculator.add(2, 3)); }"));
        assertThat(sandbox.archive()).isRegularFile();
        ChildJvm jvm = compiled(dir, "@Test void adds() { assertEquals(5, calculator.add(2, 3)); }");

        ChildProcess.Outcome outcome = ChildProcess.run(jvm.command(dir, "demo.CalculatorTest", "demo.Calculator",
                        List.of("-XX:SharedArchiveFile=" + sandbox.archive(), "-Xshare:on", "-Xlog:class+load=info")),
                dir, Duration.ofSeconds(30), 1 << 20, 1 << 24);

        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(ChildReport.read(dir.resolve("report.tsv")).passed()).isEqualTo(1);
        assertThat(outcome.output())
                .contains("org.junit.platform.launcher.core.LauncherFactory source: shared objects file (top)")
                .contains("io.escalator.sandbox.child.ChildMain source: shared objects file (top)");
    }

    @Test
    void anOrphanedChildHaltsByItselfPastItsDeadline(@TempDir Path dir) throws Exception {
        ChildJvm jvm = compiled(dir, "@Test void spins() { while (calculator.add(1, 1) == 2) { } }");

        ChildProcess.Outcome outcome = ChildProcess.run(jvm.command(dir, "demo.CalculatorTest", "demo.Calculator",
                List.of(), Duration.ofSeconds(1)), dir, Duration.ofSeconds(20), 1 << 16, 1 << 20);

        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.exitCode()).isEqualTo(124);
    }

    private static ChildJvm compiled(Path dir, String testBody) throws IOException {
        JavaTestRun run = Samples.calculatorTest(testBody);
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.createDirectories(dir.resolve("classes"));
        Files.createDirectories(dir.resolve("tmp"));
        ChildJvm jvm = new ChildJvm(OPTIONS, ChildJars.in(OPTIONS.cacheDir()));
        assertThat(SourceCompiler.of(SourceCompiler.Kind.AUTO).compile(List.of(
                        Files.writeString(src.resolve("Calculator.java"), run.classSource()),
                        Files.writeString(src.resolve("CalculatorTest.java"), run.testSource())),
                dir.resolve("classes"), List.of(jvm.junitJar()))).isEmpty();
        return jvm;
    }
}
