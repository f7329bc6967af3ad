package io.escalator.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

import io.escalator.sandbox.JavaTestResult.Diagnostic;
import io.escalator.sandbox.SandboxOptions.Startup;

/**
 * How many quality-gate attempts per minute the sandbox does, and where the time goes: a 10-method class and a test
 * class with one good test per method, run N times after a warm-up, with each start-up optimisation on its own, all
 * of them, and none. Then the child JVM alone, launched the naive way (the console launcher and the JaCoCo agent)
 * against the way the sandbox launches it. Not a unit test:
 *
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -q -pl src/sandbox test-compile exec:java \
 *     -Dexec.mainClass=io.escalator.sandbox.GateBenchmark -Dexec.classpathScope=test -Dexec.args=20
 * </pre>
 */
public final class GateBenchmark {

    private static final int WARM_UP = 3;

    static final JavaTestRun RUN = new JavaTestRun("bench.TextTools", """
            package bench;

            import java.util.ArrayList;
            import java.util.List;

            public class TextTools {
                public String reverse(String s) {
                    return new StringBuilder(s).reverse().toString();
                }

                public boolean isPalindrome(String s) {
                    String letters = s.replaceAll("[^A-Za-z]", "").toLowerCase();
                    return letters.equals(reverse(letters));
                }

                public int countVowels(String s) {
                    int n = 0;
                    for (char c : s.toLowerCase().toCharArray()) {
                        if ("aeiou".indexOf(c) >= 0) {
                            n++;
                        }
                    }
                    return n;
                }

                public String capitalize(String s) {
                    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
                }

                public List<String> words(String s) {
                    List<String> words = new ArrayList<>();
                    for (String w : s.trim().split("\\\\s+")) {
                        if (!w.isEmpty()) {
                            words.add(w);
                        }
                    }
                    return words;
                }

                public String repeat(String s, int times) {
                    if (times < 0) {
                        throw new IllegalArgumentException("negative");
                    }
                    return s.repeat(times);
                }

                public String truncate(String s, int max) {
                    return s.length() <= max ? s : s.substring(0, max) + "...";
                }

                public int longestWordLength(String s) {
                    int longest = 0;
                    for (String w : words(s)) {
                        longest = Math.max(longest, w.length());
                    }
                    return longest;
                }

                public String initials(String s) {
                    StringBuilder b = new StringBuilder();
                    for (String w : words(s)) {
                        b.append(Character.toUpperCase(w.charAt(0)));
                    }
                    return b.toString();
                }

                public boolean isBlank(String s) {
                    return s == null || s.isBlank();
                }
            }
            """, "bench.TextToolsTest", """
            package bench;

            import static org.junit.jupiter.api.Assertions.*;

            import java.util.List;
            import org.junit.jupiter.api.Test;

            class TextToolsTest {
                private final TextTools tools = new TextTools();

                @Test
                void reverses() {
                    assertEquals("cba", tools.reverse("abc"));
                }

                @Test
                void findsPalindromes() {
                    assertTrue(tools.isPalindrome("A man, a plan, a canal: Panama"));
                    assertFalse(tools.isPalindrome("abc"));
                }

                @Test
                void countsVowels() {
                    assertEquals(3, tools.countVowels("Education") - 2);
                }

                @Test
                void capitalizes() {
                    assertEquals("Hello", tools.capitalize("hello"));
                    assertEquals("", tools.capitalize(""));
                }

                @Test
                void splitsWords() {
                    assertEquals(List.of("a", "b"), tools.words("  a   b "));
                }

                @Test
                void repeats() {
                    assertEquals("abab", tools.repeat("ab", 2));
                    assertThrows(IllegalArgumentException.class, () -> tools.repeat("a", -1));
                }

                @Test
                void truncates() {
                    assertEquals("ab...", tools.truncate("abcdef", 2));
                    assertEquals("ab", tools.truncate("ab", 2));
                }

                @Test
                void measuresTheLongestWord() {
                    assertEquals(5, tools.longestWordLength("a bb hello"));
                }

                @Test
                void takesInitials() {
                    assertEquals("AL", tools.initials("ada lovelace"));
                }

                @Test
                void knowsBlank() {
                    assertTrue(tools.isBlank(" "));
                    assertTrue(tools.isBlank(null));
                    assertFalse(tools.isBlank("x"));
                }
            }
            """, Duration.ofSeconds(30));

    private GateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path target = Path.of("target").toAbsolutePath();
        Path cache = target.resolve("benchmark-cache");
        TempDirs.delete(cache); // so that every configuration with AppCDS makes its archive in its warm-up
        SandboxOptions base = SandboxOptions.defaults().withCacheDir(cache)
                .withWorkDir(Files.createDirectories(target.resolve("benchmark-work")));
        System.out.printf(Locale.ROOT, "java %s (%s), %d cores; %d runs after %d warm-up runs%n",
                System.getProperty("java.version"), System.getProperty("java.home"),
                Runtime.getRuntime().availableProcessors(), runs, WARM_UP);

        Map<String, Set<Startup>> configurations = new LinkedHashMap<>();
        configurations.put("none", EnumSet.noneOf(Startup.class));
        configurations.put("C1 only", EnumSet.of(Startup.C1_ONLY));
        configurations.put("serial GC", EnumSet.of(Startup.SERIAL_GC));
        configurations.put("AppCDS", EnumSet.of(Startup.APP_CDS));
        configurations.put("all (default)", EnumSet.allOf(Startup.class));
        System.out.printf(Locale.ROOT, "%n%-14s %9s %9s %9s %9s %9s %9s%n", "startup", "attempts", "total",
                "parse", "compile", "run", "coverage");
        System.out.printf(Locale.ROOT, "%-14s %9s %9s %9s %9s %9s %9s%n", "", "/minute", "median", "median",
                "median", "median", "median");
        for (Map.Entry<String, Set<Startup>> configuration : configurations.entrySet()) {
            measureAttempts(configuration.getKey(), base.withStartup(configuration.getValue()), runs);
        }
        measureLaunchers(base, runs);
    }

    private static void measureAttempts(String name, SandboxOptions options, int runs) {
        ChildJvmTestSandbox sandbox = new ChildJvmTestSandbox(options);
        List<JavaTestResult> results = new ArrayList<>();
        List<Long> totals = new ArrayList<>();
        for (int i = 0; i < WARM_UP + runs; i++) {
            long start = System.nanoTime();
            JavaTestResult result = sandbox.run(RUN);
            long total = (System.nanoTime() - start) / 1_000_000;
            if (result.passRate() != 1.0 || result.testsRun() != 10 || result.lineCoverage() == null) {
                throw new IllegalStateException("the benchmark's tests did not all pass: " + result);
            }
            if (i >= WARM_UP) {
                results.add(result);
                totals.add(total);
            }
        }
        long total = median(totals);
        System.out.printf(Locale.ROOT, "%-14s %9.0f %7d ms %6d ms %6d ms %6d ms %6d ms%n", name, 60_000.0 / total,
                total, median(results, t -> t.timings().parseMs()), median(results, t -> t.timings().compileMs()),
                median(results, t -> t.timings().runMs()), median(results, t -> t.timings().coverageMs()));
    }

    /** The child JVM alone, the same compiled classes, all JVM flags but AppCDS unless said. */
    private static void measureLaunchers(SandboxOptions options, int runs) throws Exception {
        SandboxOptions tuned = options.withStartup(EnumSet.of(Startup.C1_ONLY, Startup.SERIAL_GC));
        ChildJars jars = ChildJars.in(options.cacheDir());
        ChildJvm jvm = new ChildJvm(tuned, jars);
        Path plain = compiled(options.workDir().resolve("launch-plain"), jvm, false);
        Path instrumented = compiled(options.workDir().resolve("launch-offline"), jvm, true);
        Path archive = new ChildJvmTestSandbox(options).archive();

        Map<String, Launch> launches = new LinkedHashMap<>();
        List<String> offline = jvm.command(instrumented, RUN.testClass(), RUN.classUnderTest(), List.of());
        List<String> withAgent = withAgent(jvm.command(plain, RUN.testClass(), RUN.classUnderTest(), List.of()),
                jars, plain);
        launches.put("console launcher, -javaagent", new Launch(consoleLauncher(withAgent, jars, plain), plain));
        launches.put("ChildMain, -javaagent", new Launch(withAgent, plain));
        launches.put("ChildMain, -javaagent, AppCDS", new Launch(withOptions(withAgent,
                "-XX:SharedArchiveFile=" + archive, "-Xshare:on"), plain));
        launches.put("ChildMain, offline JaCoCo", new Launch(offline, instrumented));
        launches.put("ChildMain, offline JaCoCo, AppCDS", new Launch(withOptions(offline,
                "-XX:SharedArchiveFile=" + archive, "-Xshare:on"), instrumented));
        launches.put("ChildMain, no coverage, AppCDS", new Launch(withOptions(jvm.command(plain, RUN.testClass(),
                RUN.classUnderTest(), List.of()), "-XX:SharedArchiveFile=" + archive, "-Xshare:on"), plain));

        System.out.printf(Locale.ROOT, "%nchild JVM alone (C1 only, serial GC)       median%n");
        for (Map.Entry<String, Launch> launch : launches.entrySet()) {
            Path dir = launch.getValue().dir();
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < WARM_UP + runs; i++) {
                Files.deleteIfExists(dir.resolve("report.tsv"));
                long start = System.nanoTime();
                ChildProcess.Outcome outcome = ChildProcess.run(launch.getValue().command(), dir, Duration.ofSeconds(30),
                        1 << 16, 1 << 24);
                long took = (System.nanoTime() - start) / 1_000_000;
                if (outcome.exitCode() != 0) {
                    throw new IllegalStateException(launch.getKey() + " failed: " + outcome.output());
                }
                if (i >= WARM_UP) {
                    times.add(took);
                }
            }
            System.out.printf(Locale.ROOT, "%-42s %4d ms%n", launch.getKey(), median(times));
        }
        TempDirs.delete(plain);
        TempDirs.delete(instrumented);
    }

    private static Path compiled(Path dir, ChildJvm jvm, boolean instrument) throws IOException {
        TempDirs.delete(dir);
        Path src = Files.createDirectories(dir.resolve("src/bench"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.createDirectories(dir.resolve("tmp"));
        List<Diagnostic> errors = SourceCompiler.of(SourceCompiler.Kind.AUTO).compile(List.of(
                        Files.writeString(src.resolve("TextTools.java"), RUN.classSource()),
                        Files.writeString(src.resolve("TextToolsTest.java"), RUN.testSource())),
                classes, List.of(jvm.junitJar()));
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.toString());
        }
        if (instrument) {
            CoverageAnalysis.instrument(classes, "bench", Set.of("TextTools"), jvm.coverageRuntime());
        }
        return dir;
    }

    private static List<String> withAgent(List<String> command, ChildJars jars, Path dir) {
        List<String> changed = new ArrayList<>(command);
        int classPath = changed.indexOf("-cp");
        changed.add(classPath, "-javaagent:" + jars.agent() + "=destfile=" + dir.resolve("jacoco.exec")
                + ",includes=bench.TextTools,jmx=false");
        changed.removeIf(option -> option.startsWith("-Djacoco-agent."));
        return changed;
    }

    private static List<String> consoleLauncher(List<String> command, ChildJars jars, Path dir) {
        List<String> changed = new ArrayList<>(command.subList(0, command.indexOf("-cp")));
        changed.addAll(List.of("-cp", jars.junit() + java.io.File.pathSeparator + dir.resolve("classes"),
                "org.junit.platform.console.ConsoleLauncher", "execute", "--select-class", RUN.testClass(),
                "--disable-banner", "--details=none", "--reports-dir", dir.resolve("reports").toString()));
        return changed;
    }

    private static List<String> withOptions(List<String> command, String... options) {
        List<String> changed = new ArrayList<>(command);
        changed.addAll(1, List.of(options));
        return changed;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static long median(List<JavaTestResult> results, ToLongFunction<JavaTestResult> phase) {
        return median(results.stream().map(phase::applyAsLong).toList());
    }

    private record Launch(List<String> command, Path dir) {
    }
}
