package io.escalator.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;

final class TempDirs {

    private TempDirs() {
    }

    /** Deletes the directories named {@code prefix*} in {@code parent} not modified for {@code age}. */
    static void deleteStale(Path parent, String prefix, Duration age) {
        Instant before = Instant.now().minus(age);
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(parent, prefix + "*")) {
            for (Path dir : stale) {
                if (Files.isDirectory(dir) && Files.getLastModifiedTime(dir).toInstant().isBefore(before)) {
                    delete(dir);
                }
            }
        } catch (IOException e) {
            // nothing there, or not ours to read: nothing to clean
        }
    }

    /** Deletes a directory tree, not following links; returns whether it is gone. */
    static boolean delete(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    directory.toFile().setWritable(true, true); // a test may have made it read-only
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return false;
        }
        return !Files.exists(dir);
    }
}
