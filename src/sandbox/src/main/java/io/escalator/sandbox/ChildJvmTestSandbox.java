package io.escalator.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.TypeDeclaration;

import io.escalator.sandbox.JavaTestResult.Diagnostic;
import io.escalator.sandbox.JavaTestResult.Timings;
import io.escalator.sandbox.SandboxOptions.Startup;

/**
 * Runs generated tests in a fresh child JVM per attempt, in a fresh temporary directory that is always deleted:
 * parse (syntax errors stop there), refuse forbidden APIs ({@link ForbiddenApiCheck}), compile, instrument the class
 * under test for coverage, run the tests with the JUnit Platform, read the report and the coverage.
 *
 * <p>Isolation of the child: its own JVM (nothing it does to static state, System.exit or halt reaches the engine),
 * a wall-clock limit (then it and its descendants are killed), a heap cap with exit at the first OutOfMemoryError, an
 * empty environment (no credentials), the attempt's directory as working directory, home and temp dir, bounded
 * output. There is no SecurityManager (JDK 24+ has none), so the child can still open sockets or read files its user
 * may read if a test gets past the static check: in AWS, the Lambda running this has no permissions and no network
 * worth reaching; locally, it runs with the engine's user. Nor does anything cap its threads, CPU or disk use beyond
 * the time limit (no cgroups or rlimits from Java).
 *
 * <p>Thread-safe: attempts may run concurrently, each in its own directory and JVM.
 */
public final class ChildJvmTestSandbox implements TestSandbox {

    private static final System.Logger LOG = System.getLogger(ChildJvmTestSandbox.class.getName());
    private static final String ATTEMPT_PREFIX = "escalator-attempt-";
    /** Attempt directories this old were left by an engine that died mid-attempt: a new sandbox deletes them. */
    private static final Duration STALE_AFTER = Duration.ofHours(1);

    private final SandboxOptions options;
    private final SourceCompiler compiler;
    private final ChildJvm jvm;
    private final AppCdsArchive archive;

    public ChildJvmTestSandbox() {
        this(SandboxOptions.defaults());
    }

    public ChildJvmTestSandbox(SandboxOptions options) {
        this.options = options;
        this.compiler = SourceCompiler.of(SourceCompiler.Kind.valueOf(options.compiler().name()));
        this.jvm = new ChildJvm(options, ChildJars.in(options.cacheDir()));
        this.archive = new AppCdsArchive(jvm.archive(), trainingOptions -> attempt(CdsTraining.RUN, trainingOptions));
        TempDirs.deleteStale(options.workDir(), ATTEMPT_PREFIX, STALE_AFTER);
    }

    @Override
    public JavaTestResult run(JavaTestRun run) {
        if (run.timeout() == null || run.timeout().isNegative() || run.timeout().isZero()) {
            throw new IllegalArgumentException("a test run needs a positive timeout");
        }
        return attempt(run, options.startup().contains(Startup.APP_CDS) ? archive.options() : List.of());
    }

    /**
     * Makes the AppCDS archive now, if it is used and there is none yet, rather than on the first attempt: for a
     * process that starts once and serves many attempts (a Lambda snapshot taken after start-up keeps it).
     */
    public void prepare() {
        if (options.startup().contains(Startup.APP_CDS)) {
            archive.options();
        }
    }

    /** The compiler in use: {@code JDK} or {@code ECJ}. */
    String compilerKind() {
        return compiler.kind().name();
    }

    Path archive() {
        return archive.file();
    }

    private JavaTestResult attempt(JavaTestRun run, List<String> archiveOptions) {
        Result result = new Result();
        long start = System.nanoTime();
        String classFile = simpleName(run.classUnderTest()) + ".java";
        String testFile = simpleName(run.testClass()) + ".java";
        Parsing.Parsed classUnit = Parsing.parse(classFile, run.classSource());
        Parsing.Parsed testUnit = Parsing.parse(testFile, run.testSource());
        result.syntaxErrors.addAll(classUnit.syntaxErrors());
        result.syntaxErrors.addAll(testUnit.syntaxErrors());
        if (!result.syntaxErrors.isEmpty()) {
            result.parseMs = millisSince(start);
            return result.build();
        }
        Set<String> classTypes = topLevelTypes(classUnit.unit());
        List<ForbiddenApiCheck.Violation> violations = ForbiddenApiCheck.check(testUnit.unit(), classTypes);
        result.assertionsPerTest = AssertionCounter.count(testUnit.unit()).perTest();
        result.compileErrors.addAll(misnamed(classFile, classUnit.unit(), run.classUnderTest()));
        result.compileErrors.addAll(misnamed(testFile, testUnit.unit(), run.testClass()));
        result.parseMs = millisSince(start);
        if (!violations.isEmpty()) {
            result.failure = "The tests use what the sandbox forbids, so nothing was compiled or run: "
                    + violations.stream().map(Object::toString).collect(Collectors.joining("; "));
            return result.build();
        }
        if (!result.compileErrors.isEmpty()) {
            return result.build();
        }
        Path dir = createAttemptDir();
        try {
            compileAndRun(run, archiveOptions, dir, Parsing.packageName(classUnit.unit()), classTypes, classFile,
                    result);
            return result.build();
        } finally {
            if (!TempDirs.delete(dir)) {
                LOG.log(Level.WARNING, "could not delete the sandbox directory {0}", dir);
            }
        }
    }

    private void compileAndRun(JavaTestRun run, List<String> archiveOptions, Path dir, String packageName,
                               Set<String> classTypes, String classFile, Result result) {
        long start = System.nanoTime();
        Path classes = dir.resolve("classes");
        List<Path> sources;
        try {
            sources = List.of(write(dir.resolve("src"), run.classUnderTest(), run.classSource()),
                    write(dir.resolve("src"), run.testClass(), run.testSource()));
            Files.createDirectories(classes);
            Files.createDirectories(dir.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sources into " + dir, e);
        }
        result.compileErrors.addAll(compiler.compile(sources, classes, List.of(jvm.junitJar())));
        result.compileMs = millisSince(start);
        if (!result.compileErrors.isEmpty()) {
            return;
        }

        start = System.nanoTime();
        CoverageAnalysis coverage = CoverageAnalysis.instrument(classes, packageName, classTypes,
                jvm.coverageRuntime());
        long instrumentMs = millisSince(start);

        start = System.nanoTime();
        ChildProcess.Outcome outcome;
        try {
            outcome = ChildProcess.run(jvm.command(dir, run.testClass(), run.classUnderTest(), archiveOptions,
                            run.timeout().plusSeconds(30)),
                    dir, run.timeout(), options.outputLimitBytes(), options.outputKillBytes());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the tests ran", e);
        }
        result.runMs = millisSince(start);
        ChildReport report = ChildReport.read(dir.resolve("report.tsv"));
        result.testsRun = report.run();
        result.testsPassed = report.passed();
        result.testFailures = report.failures();
        result.output = withIssues(report.issues(), outcome.output());
        result.failure = RunFailure.describe(outcome, report, run, options.heapMiB(), options.outputKillBytes());

        start = System.nanoTime();
        if (report.run() > 0) {
            coverage.analyze(dir.resolve("jacoco.exec"), classFile).ifPresent(measured -> {
                result.lineCoverage = measured.lineCoverage();
                result.branchCoverage = measured.branchCoverage();
                result.coveredLines = measured.coveredLines();
                result.uncoveredLines = measured.uncoveredLines();
            });
        }
        result.coverageMs = instrumentMs + millisSince(start);
    }

    private Path createAttemptDir() {
        try {
            Files.createDirectories(options.workDir());
            return Files.createTempDirectory(options.workDir(), ATTEMPT_PREFIX);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a sandbox directory in " + options.workDir(), e);
        }
    }

    private static Path write(Path sourceRoot, String className, String source) throws IOException {
        Path file = sourceRoot.resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, source, StandardCharsets.UTF_8);
    }

    /** The source must declare the type the run names, in the package it names. */
    private static List<Diagnostic> misnamed(String fileName, CompilationUnit unit, String expected) {
        Optional<TypeDeclaration<?>> primary = Parsing.primaryType(unit);
        String declared = primary.map(type -> Parsing.qualified(Parsing.packageName(unit), type.getNameAsString()))
                .orElse("no type");
        if (declared.equals(expected) || topLevelTypes(unit).stream()
                .anyMatch(type -> Parsing.qualified(Parsing.packageName(unit), type).equals(expected))) {
            return List.of();
        }
        int line = primary.flatMap(type -> type.getBegin()).map(position -> position.line).orElse(1);
        return List.of(new Diagnostic(fileName, line, "the source must declare " + expected + " but declares "
                + declared));
    }

    private static Set<String> topLevelTypes(CompilationUnit unit) {
        return unit.getTypes().stream().map(TypeDeclaration::getNameAsString)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String withIssues(List<String> issues, String output) {
        if (issues.isEmpty()) {
            return output;
        }
        return issues.stream().map(issue -> "[JUnit discovery] " + issue + "\n").collect(Collectors.joining())
                + output;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    /** The result as it builds up along the phases. */
    private static final class Result {
        final List<Diagnostic> syntaxErrors = new ArrayList<>();
        final List<Diagnostic> compileErrors = new ArrayList<>();
        int testsRun;
        int testsPassed;
        List<JavaTestResult.TestFailure> testFailures = List.of();
        Double lineCoverage;
        Double branchCoverage;
        List<Integer> coveredLines = List.of();
        List<Integer> uncoveredLines = List.of();
        double assertionsPerTest;
        String failure;
        String output = "";
        long parseMs;
        long compileMs;
        long runMs;
        long coverageMs;

        JavaTestResult build() {
            return new JavaTestResult(List.copyOf(syntaxErrors), List.copyOf(compileErrors), testsRun, testsPassed,
                    testFailures, lineCoverage, branchCoverage, coveredLines, uncoveredLines, assertionsPerTest, failure,
                    output,
                    new Timings(parseMs, compileMs, runMs, coverageMs));
        }
    }
}
