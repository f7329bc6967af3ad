package io.escalator.sandbox;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * How {@link ChildJvmTestSandbox} runs: where it keeps its files, the child JVM's limits, and the start-up
 * optimisations (all on by default; the benchmark turns them off one by one).
 *
 * @param cacheDir         extracted jars and the AppCDS archive; shared safely by sandboxes and processes
 * @param workDir          where each attempt gets its own temporary directory
 * @param heapMiB          the child JVM's heap cap
 * @param outputLimitBytes how much of the tests' output the result keeps (its start and its end)
 * @param outputKillBytes  past this much output the child JVM is killed
 * @param startup          start-up optimisations of the child JVM
 * @param compiler         which compiler compiles the sources
 */
public record SandboxOptions(Path cacheDir, Path workDir, int heapMiB, int outputLimitBytes, long outputKillBytes,
                             Set<Startup> startup, Compiler compiler) {

    public enum Startup {
        /** A dynamic AppCDS archive of the JDK, JUnit and JaCoCo classes the child loads, made by a first run. */
        APP_CDS,
        /** C1 only ({@code -XX:TieredStopAtLevel=1}): short runs never pay back C2's compile time. */
        C1_ONLY,
        /** The serial collector: no GC threads to start for a 128 MiB heap. */
        SERIAL_GC
    }

    public enum Compiler {
        /** The JDK's compiler when the JVM has the jdk.compiler module, else ECJ. */
        AUTO,
        JDK,
        ECJ
    }

    public SandboxOptions {
        // absolute: the child JVM runs in another working directory
        cacheDir = cacheDir.toAbsolutePath();
        workDir = workDir.toAbsolutePath();
        startup = startup.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(startup));
        if (heapMiB < 16 || outputLimitBytes < 1024 || outputKillBytes < outputLimitBytes) {
            throw new IllegalArgumentException("heap below 16 MiB or output limits too small");
        }
    }

    public static SandboxOptions defaults() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        return new SandboxOptions(temp.resolve("escalator-sandbox-" + System.getProperty("user.name", "user")),
                temp, 128, 64 * 1024, 1024 * 1024, EnumSet.allOf(Startup.class), Compiler.AUTO);
    }

    public SandboxOptions withCacheDir(Path cacheDir) {
        return new SandboxOptions(cacheDir, workDir, heapMiB, outputLimitBytes, outputKillBytes, startup, compiler);
    }

    public SandboxOptions withWorkDir(Path workDir) {
        return new SandboxOptions(cacheDir, workDir, heapMiB, outputLimitBytes, outputKillBytes, startup, compiler);
    }

    public SandboxOptions withHeapMiB(int heapMiB) {
        return new SandboxOptions(cacheDir, workDir, heapMiB, outputLimitBytes, outputKillBytes, startup, compiler);
    }

    public SandboxOptions withOutputLimits(int outputLimitBytes, long outputKillBytes) {
        return new SandboxOptions(cacheDir, workDir, heapMiB, outputLimitBytes, outputKillBytes, startup, compiler);
    }

    public SandboxOptions withStartup(Set<Startup> startup) {
        return new SandboxOptions(cacheDir, workDir, heapMiB, outputLimitBytes, outputKillBytes, startup, compiler);
    }

    public SandboxOptions withCompiler(Compiler compiler) {
        return new SandboxOptions(cacheDir, workDir, heapMiB, outputLimitBytes, outputKillBytes, startup, compiler);
    }
}
