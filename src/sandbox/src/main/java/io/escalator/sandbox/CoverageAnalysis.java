package io.escalator.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.analysis.ISourceFileCoverage;
import org.jacoco.core.instr.Instrumenter;
import org.jacoco.core.runtime.IExecutionDataAccessorGenerator;
import org.jacoco.core.tools.ExecFileLoader;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Line and branch coverage of the class under test with JaCoCo's offline instrumentation: before the run, the class
 * files compiled from the class's source (its top-level types and their nested, anonymous and local classes) are
 * replaced by instrumented ones that record into the JaCoCo runtime on the child's class path, which writes an exec
 * file when the child exits; after the run, the exec file is analysed against the original class files.
 */
final class CoverageAnalysis {

    record Coverage(Double lineCoverage, Double branchCoverage, List<Integer> coveredLines, List<Integer> uncoveredLines) {
    }

    /** The original class files, by path: JaCoCo identifies classes by a hash of these bytes. */
    private final Map<Path, byte[]> originals;

    private CoverageAnalysis(Map<Path, byte[]> originals) {
        this.originals = originals;
    }

    /**
     * Instruments, in place, the class files of these top-level types (and their nested classes) in the package.
     *
     * @param runtimeClass the JaCoCo runtime's {@code Offline} class, VM name (see {@link ChildJars#coverageRuntime()})
     */
    static CoverageAnalysis instrument(Path classesDir, String packageName, Set<String> topLevelTypes,
                                       String runtimeClass) {
        Instrumenter instrumenter = new Instrumenter(offlineAccess(runtimeClass));
        Path packageDir = packageName.isEmpty() ? classesDir : classesDir.resolve(packageName.replace('.', '/'));
        Map<Path, byte[]> originals = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(packageDir)) {
            for (Path file : files.filter(file -> isClassOf(file.getFileName().toString(), topLevelTypes)).toList()) {
                byte[] original = Files.readAllBytes(file);
                originals.put(file, original);
                Files.write(file, instrumenter.instrument(original, file.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot instrument the classes in " + packageDir, e);
        }
        return new CoverageAnalysis(originals);
    }

    /** The coverage of the source file of that name, or nothing when the child wrote no (whole) exec file. */
    Optional<Coverage> analyze(Path execFile, String sourceFileName) {
        if (!Files.isRegularFile(execFile)) {
            return Optional.empty();
        }
        try {
            ExecFileLoader loader = new ExecFileLoader();
            loader.load(execFile.toFile());
            CoverageBuilder coverage = new CoverageBuilder();
            Analyzer analyzer = new Analyzer(loader.getExecutionDataStore(), coverage);
            for (Map.Entry<Path, byte[]> original : originals.entrySet()) {
                analyzer.analyzeClass(original.getValue(), original.getKey().toString());
            }
            return coverage.getSourceFiles().stream()
                    .filter(source -> source.getName().equals(sourceFileName))
                    .findFirst()
                    .map(CoverageAnalysis::coverage);
        } catch (IOException e) {
            return Optional.empty(); // a half-written exec file: the child was killed while dumping it
        }
    }

    /**
     * What {@code org.jacoco.core.runtime.OfflineInstrumentationAccessGenerator} generates, but calling the runtime
     * class of the agent jar actually shipped rather than the one of org.jacoco.core's own version.
     */
    private static IExecutionDataAccessorGenerator offlineAccess(String runtimeClass) {
        return (classId, className, probeCount, method) -> {
            method.visitLdcInsn(classId);
            method.visitLdcInsn(className);
            pushInt(method, probeCount);
            method.visitMethodInsn(Opcodes.INVOKESTATIC, runtimeClass, "getProbes", "(JLjava/lang/String;I)[Z",
                    false);
            return 4; // stack: long (2), String, int
        };
    }

    private static void pushInt(MethodVisitor method, int value) {
        if (value >= -1 && value <= 5) {
            method.visitInsn(Opcodes.ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            method.visitIntInsn(Opcodes.BIPUSH, value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            method.visitIntInsn(Opcodes.SIPUSH, value);
        } else {
            method.visitLdcInsn(value);
        }
    }

    private static boolean isClassOf(String fileName, Set<String> topLevelTypes) {
        if (!fileName.endsWith(".class")) {
            return false;
        }
        String name = fileName.substring(0, fileName.length() - ".class".length());
        int dollar = name.indexOf('$');
        return topLevelTypes.contains(dollar < 0 ? name : name.substring(0, dollar));
    }

    private static Coverage coverage(ISourceFileCoverage source) {
        ICounter lines = source.getLineCounter();
        ICounter branches = source.getBranchCounter();
        List<Integer> covered = new ArrayList<>();
        List<Integer> uncovered = new ArrayList<>();
        for (int line = source.getFirstLine(); line > 0 && line <= source.getLastLine(); line++) {
            int status = source.getLine(line).getStatus();
            if (status == ICounter.NOT_COVERED) {
                uncovered.add(line);
            } else if (status == ICounter.FULLY_COVERED || status == ICounter.PARTLY_COVERED) {
                covered.add(line);
            }
        }
        return new Coverage(lines.getTotalCount() == 0 ? null : lines.getCoveredRatio(),
                branches.getTotalCount() == 0 ? null : branches.getCoveredRatio(), List.copyOf(covered),
                List.copyOf(uncovered));
    }
}
