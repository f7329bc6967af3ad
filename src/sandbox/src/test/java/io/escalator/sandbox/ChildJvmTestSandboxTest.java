package io.escalator.sandbox;

import static io.escalator.sandbox.Samples.calculatorTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child JVMs: each test is one attempt, as the quality gate makes them. */
class ChildJvmTestSandboxTest {

    /** Set by surefire in this JVM's environment (see the pom): the child must not see it. */
    private static final String CANARY = "ESCALATOR_SANDBOX_CANARY";

    private static Path workDir;
    private static ChildJvmTestSandbox sandbox;

    @BeforeAll
    static void startSandbox() throws IOException {
        Path target = Path.of("target");
        workDir = Files.createTempDirectory(Files.createDirectories(target.resolve("sandbox-work")), "run-");
        sandbox = new ChildJvmTestSandbox(SandboxOptions.defaults()
                .withCacheDir(target.resolve("sandbox-cache"))
                .withWorkDir(workDir));
    }

    @AfterAll
    static void removeWorkDir() {
        TempDirs.delete(workDir);
    }

    @AfterEach
    void everyAttemptDirectoryIsDeleted() throws IOException {
        try (Stream<Path> left = Files.list(workDir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void passingTestsPassWithCoverageAndCountedAssertions() {
        JavaTestResult result = sandbox.run(calculatorTest("""
                @Test
                void adds() {
                    assertEquals(5, calculator.add(2, 3));
                    assertEquals(0, calculator.add(-2, 2));
                }

                @Test
                void divides() {
                    assertEquals(2, calculator.divide(4, 2));
                    assertThrows(IllegalArgumentException.class, () -> calculator.divide(1, 0));
                    fail_if_negative(calculator.divide(9, 3));
                }

                private void fail_if_negative(int value) {
                    assertTrue(value >= 0);
                }
                """));

        assertThat(result.failure()).isNull();
        assertThat(result.syntaxErrors()).isEmpty();
        assertThat(result.compileErrors()).isEmpty();
        assertThat(result.testsRun()).isEqualTo(2);
        assertThat(result.passRate()).isEqualTo(1.0);
        assertThat(result.testFailures()).isEmpty();
        assertThat(result.assertionsPerTest()).isEqualTo(2.5); // 5 assertions, 2 test methods
        assertThat(result.lineCoverage()).isGreaterThan(0.3).isLessThan(1.0);
        assertThat(result.branchCoverage()).isEqualTo(0.5, within(1e-9)); // b == 0 both ways; a < 0 neither
        assertThat(result.uncoveredLines()).containsExactly(16, 20, 21, 24, 26);
        assertThat(result.timings().runMs()).isPositive();
    }

    @Test
    void aFailingAssertionSaysWhichTestExpectedWhatAndWhere() {
        JavaTestResult result = sandbox.run(calculatorTest("""
                @Test
                void adds() {
                    assertEquals(6, calculator.add(2, 3));
                }

                @Test
                void absolute() {
                    assertEquals(3, calculator.abs(-3));
                }
                """));

        assertThat(result.failure()).isNull();
        assertThat(result.testsRun()).isEqualTo(2);
        assertThat(result.testsPassed()).isEqualTo(1);
        assertThat(result.passRate()).isEqualTo(0.5);
        assertThat(result.testFailures()).singleElement().satisfies(failure -> {
            assertThat(failure.test()).isEqualTo("CalculatorTest.adds");
            assertThat(failure.message()).contains("AssertionFailedError", "expected: <6> but was: <5>",
                    "CalculatorTest.java:12");
        });
    }

    @Test
    void anExceptionInTheClassUnderTestSaysWhereItWasThrown() {
        JavaTestResult result = sandbox.run(calculatorTest("""
                @Test
                void divides() {
                    calculator.divide(1, 0);
                }
                """));

        assertThat(result.testFailures()).singleElement().satisfies(failure -> assertThat(failure.message())
                .contains("IllegalArgumentException: division by zero", "Calculator.divide(Calculator.java:10)",
                        "CalculatorTest.divides(CalculatorTest.java:12)"));
    }

    @Test
    void aSyntaxErrorStopsBeforeCompiling() {
        JavaTestResult result = sandbox.run(calculatorTest("""
                @Test
                void adds() {
                    assertEquals(5, calculator.add(2, 3)
                }
                """));

        assertThat(result.syntaxErrors()).isNotEmpty().allSatisfy(error -> {
            assertThat(error.source()).isEqualTo("CalculatorTest.java");
            assertThat(error.line()).isBetween(12, 13);
        });
        assertThat(result.compileErrors()).isEmpty();
        assertThat(result.testsRun()).isZero();
        assertThat(result.timings().compileMs()).isZero();
        assertThat(result.timings().runMs()).isZero();
    }

    @Test
    void aCompileErrorHasItsLine() {
        JavaTestResult result = sandbox.run(calculatorTest("""
                @Test
                void multiplies() {
                    assertEquals(6, calculator.multiply(2, 3));
                }
                """));

        assertThat(result.compileErrors()).singleElement().satisfies(error -> {
            assertThat(error.source()).isEqualTo("CalculatorTest.java");
            assertThat(error.line()).isEqualTo(12);
            assertThat(error.message()).contains("cannot find symbol", "multiply");
        });
        assertThat(result.timings().runMs()).isZero();
        assertThat(result.failure()).isNull();
    }

    @Test
    void anInfiniteLoopTimesOutAndTheChildIsKilled() {
        JavaTestResult result = sandbox.run(calculatorTest("""
                @Test
                void spins() {
                    long n = 0;
                    while (calculator.add(1, 1) == 2) {
                        n++;
                    }
                    assertTrue(n > 0);
                }
                """, Duration.ofSeconds(2)));

        assertThat(result.failure()).isEqualTo(
                "timed out after 2 s during CalculatorTest.spins; the child JVM was killed");
        assertThat(result.timings().runMs()).isBetween(2000L, 8000L);
        assertThat(result.lineCoverage()).isNull();
        assertThat(childJvmsStillRunning()).isEmpty();
    }

    @Test
    void systemExitInTheClassUnderTestIsAClearFailure() {
        JavaTestResult result = sandbox.run(calculatorTest("""
                @Test
                void quits() {
                    calculator.quit();
                }
                """));

        assertThat(result.failure())
                .startsWith("the JVM was ended with System.exit(7) by demo.Calculator.quit(Calculator.java:20)")
                .contains("during CalculatorTest.quits");
        assertThat(result.passRate()).isZero();
    }

    @Test
    void unboundedAllocationRunsOutOfMemory() {
        JavaTestResult result = sandbox.run(calculatorTest("""
                @Test
                void hogs() {
                    assertNotNull(calculator.hog());
                }
                """));

        assertThat(result.failure()).startsWith("out of memory: the tests used more than the 128 MiB heap during "
                + "CalculatorTest.hogs");
    }

    @Test
    void writingAFileIsRefusedBeforeAnythingRuns() {
        JavaTestResult result = sandbox.run(calculatorTest("""
                @Test
                void leaves() throws Exception {
                    java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/escalator-escape"), "x");
                    assertEquals(5, calculator.add(2, 3));
                }
                """));

        assertThat(result.failure()).startsWith("The tests use what the sandbox forbids, so nothing was compiled or run:")
                .contains("line 12: java.nio.file.Files.writeString (file system access)");
        assertThat(result.testsRun()).isZero();
        assertThat(result.timings().compileMs()).isZero();
        assertThat(Path.of("/tmp/escalator-escape")).doesNotExist();
    }

    @Test
    void outputUnderTheLimitIsTruncatedAndTheRunCarriesOn() {
        JavaTestResult result = sandbox.run(calculatorTest("""
                @Test
                void chatters() {
                    String line = "x".repeat(99);
                    for (int i = 0; i < 5_000; i++) {
                        System.out.println(i + " " + line);
                    }
                    assertEquals(5, calculator.add(2, 3));
                }
                """));

        assertThat(result.failure()).isNull();
        assertThat(result.passRate()).isEqualTo(1.0);
        assertThat(result.output()).startsWith("0 xxx").contains("[output truncated: ").contains("4999 xxx");
        assertThat(result.output().length()).isLessThan(70 * 1024);
    }

    @Test
    void megabytesOfOutputKillTheChildWithAClearReason() {
        JavaTestResult result = sandbox.run(calculatorTest("""
                @Test
                void floods() {
                    for (int i = 0; i < 3_000; i++) {
                        System.out.println("y".repeat(1000));
                    }
                    assertEquals(5, calculator.add(2, 3));
                }
                """));

        assertThat(result.failure()).isEqualTo(
                "too much output: more than 1 MiB during CalculatorTest.floods; the child JVM was killed");
        assertThat(result.output()).hasSizeLessThan(70 * 1024).contains("[output truncated: ");
    }

    @Test
    void endlessOutputKillsTheChildAtItsLimit() {
        ChildJvmTestSandbox small = new ChildJvmTestSandbox(SandboxOptions.defaults()
                .withCacheDir(Path.of("target", "sandbox-cache"))
                .withWorkDir(workDir)
                .withOutputLimits(4096, 2 * 1024 * 1024));

        JavaTestResult result = small.run(calculatorTest("""
                @Test
                void floods() {
                    while (true) {
                        System.out.println("y".repeat(1000));
                    }
                }
                """));

        assertThat(result.failure()).isEqualTo(
                "too much output: more than 2 MiB during CalculatorTest.floods; the child JVM was killed");
        assertThat(result.output()).hasSizeLessThan(4200).contains("[output truncated: ");
    }

    @Test
    void theEnvironmentIsNotInherited() {
        assertThat(System.getenv(CANARY)).as("surefire sets it for this JVM").isNotNull();

        JavaTestResult result = sandbox.run(calculatorTest("""
                @Test
                void seesNoEnvironment() {
                    assertNull(System.getenv("HOME"));
                    assertNull(System.getenv("PATH"));
                    assertNull(System.getenv("%s"));
                    assertEquals(java.util.Map.of(), System.getenv());
                }
                """.formatted(CANARY)));

        assertThat(result.testFailures()).isEmpty();
        assertThat(result.passRate()).isEqualTo(1.0);
    }

    @Test
    void haltEndsTheRunWithAClearFailure() {
        JavaTestResult result = sandbox.run(new JavaTestRun("demo.Stopper", """
                package demo;

                public class Stopper {
                    public void stop() {
                        Runtime.getRuntime().halt(3);
                    }
                }
                """, "demo.StopperTest", """
                package demo;

                import org.junit.jupiter.api.Test;

                class StopperTest {
                    @Test
                    void stops() {
                        new Stopper().stop();
                    }
                }
                """, Duration.ofSeconds(20)));

        assertThat(result.failure()).isEqualTo("the JVM ended before the tests finished, with exit code 3 during "
                + "StopperTest.stops (Runtime.halt, a crash, or the JVM could not start; see the output)");
    }

    @Test
    void aTestClassWithoutTestsIsAFailure() {
        JavaTestResult result = sandbox.run(calculatorTest("""
                @Test
                private void hidden() {
                    assertEquals(5, calculator.add(2, 3));
                }
                """));

        assertThat(result.failure()).startsWith("no tests ran: JUnit found no test in demo.CalculatorTest");
        assertThat(result.output()).contains("[JUnit discovery] WARNING", "must not be private");
    }

    @Test
    void aTestClassUnderAnotherNameIsACompileError() {
        JavaTestRun run = calculatorTest("");
        JavaTestResult result = sandbox.run(new JavaTestRun(run.classUnderTest(), run.classSource(), "demo.OtherTest",
                run.testSource(), run.timeout()));

        assertThat(result.compileErrors()).singleElement().satisfies(error -> assertThat(error.message())
                .isEqualTo("the source must declare demo.OtherTest but declares demo.CalculatorTest"));
    }

    @Test
    void parameterizedAndNestedTestsAreEachCounted() {
        JavaTestResult result = sandbox.run(new JavaTestRun("demo.Calculator", Samples.CALCULATOR,
                "demo.CalculatorTest", """
                package demo;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Nested;
                import org.junit.jupiter.api.Test;
                import org.junit.jupiter.params.ParameterizedTest;
                import org.junit.jupiter.params.provider.CsvSource;

                class CalculatorTest {
                    @ParameterizedTest
                    @CsvSource({"1, 1", "-1, 1", "-2, 3"})
                    void absolute(int value, int expected) {
                        assertEquals(expected, new Calculator().abs(value));
                    }

                    @Nested
                    class Adding {
                        @Test
                        void adds() {
                            assertEquals(4, new Calculator().add(2, 2));
                        }
                    }
                }
                """, Duration.ofSeconds(20)));

        assertThat(result.testsRun()).isEqualTo(4);
        assertThat(result.testsPassed()).isEqualTo(3);
        assertThat(result.testFailures()).singleElement().satisfies(failure -> {
            assertThat(failure.test()).isEqualTo("CalculatorTest.absolute [3] \"-2\", \"3\"");
            assertThat(failure.message()).contains("expected: <3> but was: <2>");
        });
        assertThat(result.assertionsPerTest()).isEqualTo(1.0);
        assertThat(result.branchCoverage()).isEqualTo(0.5, within(1e-9));
    }

    @Test
    void theFirstRunMadeAnAppCdsArchive() {
        sandbox.run(calculatorTest("""
                @Test
                void adds() {
                    assertEquals(5, calculator.add(2, 3));
                }
                """));

        assertThat(sandbox.archive()).isRegularFile();
        assertThat(sandbox.archive().getFileName().toString()).startsWith("sandbox-").endsWith(".jsa");
    }

    @Test
    void prepareMakesTheArchiveBeforeAnyAttempt(@TempDir Path cacheDir) {
        ChildJvmTestSandbox fresh = new ChildJvmTestSandbox(SandboxOptions.defaults()
                .withCacheDir(cacheDir)
                .withWorkDir(workDir));
        assertThat(fresh.archive()).doesNotExist();

        fresh.prepare();

        assertThat(fresh.archive()).isRegularFile();
    }

    @Test
    void eclipsesCompilerCompilesAndReportsErrorsToo() {
        ChildJvmTestSandbox ecj = new ChildJvmTestSandbox(SandboxOptions.defaults()
                .withCacheDir(Path.of("target", "sandbox-cache"))
                .withWorkDir(workDir)
                .withCompiler(SandboxOptions.Compiler.ECJ));
        assertThat(ecj.compilerKind()).isEqualTo("ECJ");

        JavaTestResult passing = ecj.run(calculatorTest("""
                @Test
                void adds() {
                    assertEquals(5, calculator.add(2, 3));
                }
                """));
        JavaTestResult broken = ecj.run(calculatorTest("""
                @Test
                void multiplies() {
                    assertEquals(6, calculator.multiply(2, 3));
                }
                """));

        assertThat(passing.passRate()).isEqualTo(1.0);
        assertThat(passing.lineCoverage()).isPositive();
        assertThat(broken.compileErrors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(12);
            assertThat(error.message()).contains("multiply");
        });
    }

    /** Child JVMs of this sandbox still alive: they all run with a directory under the work dir as home. */
    private static List<ProcessHandle> childJvmsStillRunning() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().orElse("").contains(workDir.toString()))
                .toList();
    }
}
