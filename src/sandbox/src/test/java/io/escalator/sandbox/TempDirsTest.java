package io.escalator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempDirsTest {

    @Test
    void deletesWholeTreesEvenReadOnlyOnes(@TempDir Path parent) throws IOException {
        Path dir = Files.createDirectories(parent.resolve("a/b/c"));
        Files.writeString(dir.resolve("f"), "x");
        dir.toFile().setWritable(false);

        assertThat(TempDirs.delete(parent.resolve("a"))).isTrue();
        assertThat(parent.resolve("a")).doesNotExist();
    }

    @Test
    void deletesOnlyStaleDirectoriesOfThePrefix(@TempDir Path parent) throws IOException {
        Path stale = Files.createDirectories(parent.resolve("escalator-attempt-1"));
        Files.writeString(stale.resolve("f"), "x");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path fresh = Files.createDirectories(parent.resolve("escalator-attempt-2"));
        Path other = Files.createDirectories(parent.resolve("other"));
        Files.setLastModifiedTime(other, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        TempDirs.deleteStale(parent, "escalator-attempt-", Duration.ofHours(1));

        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(other).exists();
    }
}
