package io.escalator.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;

import io.escalator.sandbox.JavaTestResult.Diagnostic;

/**
 * Compiles Java sources through {@code javax.tools}: with the JDK's compiler when the JVM has the jdk.compiler module,
 * else with ECJ (AWS's Java runtime may not ship jdk.compiler). Both are driven the same way; only their options
 * differ a little.
 */
final class SourceCompiler {

    /** The Java release generated code is compiled for: the engine's, and AWS Lambda's runtime. */
    static final int RELEASE = 21;

    enum Kind {
        /** The JDK's compiler when present, else ECJ. */
        AUTO,
        JDK,
        ECJ
    }

    private final JavaCompiler compiler;
    private final Kind kind;

    private SourceCompiler(JavaCompiler compiler, Kind kind) {
        this.compiler = compiler;
        this.kind = kind;
    }

    static SourceCompiler of(Kind kind) {
        JavaCompiler jdk = kind == Kind.ECJ ? null : ToolProvider.getSystemJavaCompiler();
        if (jdk != null) {
            return new SourceCompiler(jdk, Kind.JDK);
        }
        if (kind == Kind.JDK) {
            throw new IllegalStateException("this JVM has no jdk.compiler module (java.home "
                    + System.getProperty("java.home") + ")");
        }
        return new SourceCompiler(new EclipseCompiler(), Kind.ECJ);
    }

    Kind kind() {
        return kind;
    }

    /** Compiles the sources into {@code output}; returns the errors, empty when it compiled. */
    List<Diagnostic> compile(List<Path> sources, Path output, List<Path> classPath) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ENGLISH,
                StandardCharsets.UTF_8)) {
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(output));
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
            compiler.getTask(Writer.nullWriter(), files, diagnostics, options(), null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return errors(diagnostics);
    }

    /** Compiles one source against the JDK alone, keeping nothing; returns the errors. */
    List<Diagnostic> check(String className, String source) {
        return kind == Kind.ECJ ? checkOnDisk(className, source) : checkInMemory(className, source);
    }

    /** ECJ's javax.tools front end reads sources from their file, whatever their JavaFileObject says. */
    private List<Diagnostic> checkOnDisk(String className, String source) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("escalator-check-");
            Path file = dir.resolve("src").resolve(className.replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source, StandardCharsets.UTF_8);
            Path output = Files.createDirectories(dir.resolve("classes"));
            return compile(List.of(file), output, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                TempDirs.delete(dir);
            }
        }
    }

    private List<Diagnostic> checkInMemory(String className, String source) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ENGLISH,
                StandardCharsets.UTF_8);
             JavaFileManager files = new Discarding(standard)) {
            standard.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of());
            compiler.getTask(Writer.nullWriter(), files, diagnostics, options(), null,
                    List.of(new InMemorySource(className, source))).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return errors(diagnostics);
    }

    private List<String> options() {
        List<String> options = new ArrayList<>(List.of("--release", String.valueOf(RELEASE), "-proc:none", "-g",
                "-encoding", "UTF-8", "-nowarn"));
        if (kind == Kind.ECJ) {
            options.add("-warn:none");
        }
        return options;
    }

    private static List<Diagnostic> errors(DiagnosticCollector<JavaFileObject> diagnostics) {
        return diagnostics.getDiagnostics().stream()
                .filter(diagnostic -> diagnostic.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                .map(diagnostic -> new Diagnostic(fileName(diagnostic.getSource()),
                        (int) Math.max(0, diagnostic.getLineNumber()),
                        diagnostic.getMessage(Locale.ENGLISH).strip()))
                .toList();
    }

    private static String fileName(JavaFileObject source) {
        if (source == null) {
            return "";
        }
        String name = source.toUri().getPath();
        if (name == null) {
            name = source.getName();
        }
        return name.substring(name.lastIndexOf('/') + 1);
    }

    private static final class InMemorySource extends SimpleJavaFileObject {

        private final String source;

        InMemorySource(String className, String source) {
            super(URI.create("string:///" + className.replace('.', '/') + JavaFileObject.Kind.SOURCE.extension),
                    JavaFileObject.Kind.SOURCE);
            this.source = source;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
        }
    }

    /** Throws every class file away: {@link #check} only wants the diagnostics. */
    private static final class Discarding extends ForwardingJavaFileManager<JavaFileManager> {

        Discarding(JavaFileManager files) {
            super(files);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("discard:///" + className.replace('.', '/') + kind.extension),
                    kind) {
                @Override
                public OutputStream openOutputStream() {
                    return OutputStream.nullOutputStream();
                }
            };
        }
    }
}
