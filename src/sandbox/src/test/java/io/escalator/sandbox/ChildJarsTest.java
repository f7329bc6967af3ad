package io.escalator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.escalator.sandbox.child.ChildMain;

class ChildJarsTest {

    @Test
    void aClassFromAJarIsLocatedThroughItsCodeSource() {
        assertThat(ChildJars.locate("org.junit.jupiter.api.Test", "org/junit/jupiter/api/Test.class"))
                .hasValueSatisfying(jar -> assertThat(jar.getFileName().toString()).startsWith("junit-jupiter-api"));
    }

    @Test
    void classesFromDirectoriesMissingClassesAndOtherJarsAreNotLocated() {
        assertThat(ChildJars.locate(ChildJars.class.getName(), "x")).isEmpty();
        assertThat(ChildJars.locate("org.junit.platform.console.ConsoleLauncher", "x")).isEmpty();
        assertThat(ChildJars.locate("org.junit.jupiter.api.Test", "org/junit/jupiter/engine/JupiterTestEngine.class"))
                .isEmpty();
    }

    @Test
    void junitIsTheEmbeddedResourceWhereItLiesAndTheAgentIsExtractedOnce(@TempDir Path cache) throws IOException {
        ChildJars jars = ChildJars.in(cache);

        assertThat(jars.junit().toString()).endsWith("io/escalator/sandbox/child/junit-platform-console-standalone.jar");
        assertThat(jars.agent().getParent()).isEqualTo(cache.resolve("jars"));
        assertThat(jars.agent().getFileName().toString()).matches("jacocoagent-[0-9a-f]{16}\\.jar");
        assertThat(jars.coverageRuntime()).matches("org/jacoco/agent/rt/internal_[0-9a-f]+/Offline");

        FileTime written = Files.getLastModifiedTime(jars.agent());
        FileTime launcherWritten = Files.getLastModifiedTime(jars.launcher());
        ChildJars again = ChildJars.in(cache);
        assertThat(again.agent()).isEqualTo(jars.agent());
        assertThat(again.launcher()).isEqualTo(jars.launcher());
        assertThat(Files.getLastModifiedTime(again.agent())).isEqualTo(written);
        assertThat(Files.getLastModifiedTime(again.launcher())).isEqualTo(launcherWritten);
    }

    @Test
    void theLauncherJarHoldsChildMainAlone(@TempDir Path cache) throws IOException {
        assertThat(ChildMain.class.getNestMembers()).containsExactly(ChildMain.class);
        try (ZipFile jar = new ZipFile(ChildJars.in(cache).launcher().toFile())) {
            assertThat(jar.stream().map(ZipEntry::getName))
                    .containsExactly("io/escalator/sandbox/child/ChildMain.class");
        }
    }

    @Test
    void theLauncherIsNamedRightWithoutLoadingIt() {
        assertThat(ChildJars.LAUNCHER_MAIN).isEqualTo(ChildMain.class.getName());
    }

    /** The engine's class path has no JUnit (the child has its own): the sandbox must start and run without it. */
    @Test
    void aSandboxWorksWithoutJUnitOnTheEnginesClassPath(@TempDir Path cache, @TempDir Path work) throws Exception {
        URL[] withoutJUnit = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.matches(".*(junit|opentest4j|apiguardian|assertj|surefire).*"))
                .map(ChildJarsTest::url)
                .toArray(URL[]::new);
        try (URLClassLoader engine = new URLClassLoader(withoutJUnit, ClassLoader.getPlatformClassLoader())) {
            assertThat(catchThrowable(() -> engine.loadClass("org.junit.platform.launcher.TestExecutionListener")))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> options = engine.loadClass(SandboxOptions.class.getName());
            Object defaults = options.getMethod("defaults").invoke(null);
            defaults = options.getMethod("withCacheDir", Path.class).invoke(defaults, cache);
            defaults = options.getMethod("withWorkDir", Path.class).invoke(defaults, work);
            Object sandbox = engine.loadClass(ChildJvmTestSandbox.class.getName()).getConstructor(options)
                    .newInstance(defaults);
            Class<?> runType = engine.loadClass(JavaTestRun.class.getName());
            JavaTestRun sample = Samples.calculatorTest("""
                    @Test
                    void adds() {
                        assertEquals(5, calculator.add(2, 3));
                    }
                    """);
            Object run = runType.getConstructors()[0].newInstance(sample.classUnderTest(), sample.classSource(),
                    sample.testClass(), sample.testSource(), sample.timeout());

            Object result = sandbox.getClass().getMethod("run", runType).invoke(sandbox, run);

            assertThat(result.getClass().getMethod("testsPassed").invoke(result)).isEqualTo(1);
        }
    }

    private static URL url(String classPathEntry) {
        try {
            return Path.of(classPathEntry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
