package io.escalator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
}
