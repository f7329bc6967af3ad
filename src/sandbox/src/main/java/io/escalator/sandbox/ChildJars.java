package io.escalator.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.jacoco.agent.AgentJar;

import io.escalator.sandbox.child.ChildMain;

/**
 * The jars the child JVM needs, as files: the JUnit Platform standalone jar, the JaCoCo agent and the launcher jar
 * holding {@link ChildMain}. Works on a plain class path (tests, IDE), in a Quarkus fast-jar
 * ({@code quarkus-app/lib/main/*.jar}) and in a Lambda:
 * <ul>
 * <li>JUnit: where it lies when its launcher class is loadable from a jar file ({@link CodeSource}); it normally is
 * not, since this module embeds the jar as a resource instead of depending on it (its JUnit 4/5/6 classes must not
 * mix with the engine's class path); then the resource, where it lies when that is a file (target/classes), else
 * extracted.</li>
 * <li>JaCoCo agent: extracted from the resource {@code jacocoagent.jar} of org.jacoco.agent's jar
 * ({@link AgentJar}). The child has it on its class path, not as {@code -javaagent}: the parent instruments the
 * class under test offline, and the classes call the runtime in this jar.</li>
 * <li>Launcher: a jar made of {@link ChildMain}'s class file, read as a resource.</li>
 * </ul>
 * Extracted files go to the cache directory once, under a name carrying a hash of their content, so that a new
 * version never reuses an old file and the files stay byte-for-byte the same between runs (the AppCDS archive checks
 * the class path jars' size and time).
 */
final class ChildJars {

    /**
     * {@link ChildMain}'s name, never its class: it implements JUnit's listener interface, and JUnit is not on the
     * engine's class path (only the child's), so loading ChildMain here would fail.
     */
    static final String LAUNCHER_MAIN = "io.escalator.sandbox.child.ChildMain";

    /** Embedded at build time by the pom (maven-dependency-plugin), not on the class path. */
    static final String JUNIT_RESOURCE = "/io/escalator/sandbox/child/junit-platform-console-standalone.jar";

    private final Path junit;
    private final Path agent;
    private final Path launcher;
    private final String coverageRuntime;

    private ChildJars(Path junit, Path agent, Path launcher) {
        this.junit = junit;
        this.agent = agent;
        this.launcher = launcher;
        this.coverageRuntime = offlineRuntimeClass(agent);
    }

    static ChildJars in(Path cacheDir) {
        Path jars = cacheDir.resolve("jars");
        try {
            Files.createDirectories(jars);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sandbox cache " + jars, e);
        }
        return new ChildJars(
                locate("org.junit.platform.console.ConsoleLauncher", "org/junit/jupiter/engine/JupiterTestEngine.class")
                        .orElseGet(() -> resource(JUNIT_RESOURCE, jars, "junit-platform-console-standalone")),
                // org.jacoco.agent's plain jar carries the agent as a resource (its runtime-classifier jar, the
                // agent itself, is not on the Maven Central reachable here); the child has it on its class path
                // for the runtime that offline-instrumented classes call, not as a -javaagent
                resource(AgentJar.getResource(), jars, "jacocoagent"),
                launcherJar(jars));
    }

    Path junit() {
        return junit;
    }

    Path agent() {
        return agent;
    }

    Path launcher() {
        return launcher;
    }

    /**
     * The agent jar's class that offline-instrumented classes call ({@code org/jacoco/agent/rt/internal_<commit>/
     * Offline}), read from the jar rather than from org.jacoco.core, so that a core and an agent of different
     * versions still work together.
     */
    String coverageRuntime() {
        return coverageRuntime;
    }

    private static String offlineRuntimeClass(Path agent) {
        try (ZipFile zip = new ZipFile(agent.toFile())) {
            return zip.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.startsWith("org/jacoco/agent/rt/internal_") && name.endsWith("/Offline.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(agent + " has no JaCoCo offline runtime"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + agent, e);
        }
    }

    /** The jar file a class comes from, when it is loadable and comes from a jar that also holds {@code entry}. */
    static Optional<Path> locate(String className, String entry) {
        try {
            Class<?> type = Class.forName(className, false, ChildJars.class.getClassLoader());
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
                return Optional.empty();
            }
            Path jar = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return Optional.empty();
            }
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                return zip.getEntry(entry) == null ? Optional.empty() : Optional.of(jar);
            }
        } catch (ClassNotFoundException | LinkageError | URISyntaxException | IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** A jar embedded as a resource: used where it lies when that is a file, else copied into the cache. */
    static Path resource(String resource, Path cacheDir, String baseName) {
        URL url = ChildJars.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("resource " + resource + " is missing from the class path");
        }
        return resource(url, cacheDir, baseName);
    }

    private static Path resource(URL url, Path cacheDir, String baseName) {
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            byte[] content;
            try (InputStream in = url.openStream()) {
                content = in.readAllBytes();
            }
            return store(content, cacheDir, baseName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A jar holding only {@link ChildMain}: the child must not see the rest of this module. */
    private static Path launcherJar(Path cacheDir) {
        String entry = LAUNCHER_MAIN.replace('.', '/') + ".class";
        try (InputStream in = ChildJars.class.getResourceAsStream("/" + entry)) {
            if (in == null) {
                throw new IllegalStateException("cannot read " + entry + " from the class path");
            }
            byte[] classFile = in.readAllBytes();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream jar = new JarOutputStream(bytes)) { // no manifest: it would carry the time
                JarEntry classEntry = new JarEntry(entry);
                classEntry.setTime(0); // the same bytes every time: the file name carries their hash
                jar.putNextEntry(classEntry);
                jar.write(classFile);
                jar.closeEntry();
            }
            return store(bytes.toByteArray(), cacheDir, "sandbox-launcher");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the launcher jar", e);
        }
    }

    /** Writes content once under a content-addressed name; safe against other threads and processes doing the same. */
    private static Path store(byte[] content, Path dir, String baseName) throws IOException {
        Path target = dir.resolve(baseName + "-" + sha256(content).substring(0, 16) + ".jar");
        if (Files.isRegularFile(target) && Files.size(target) == content.length) {
            return target;
        }
        Path temporary = Files.createTempFile(dir, baseName, ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                out.write(content);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
