package io.escalator.replay;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The RouterBench files in the shared folder, read where they are and never copied into the repository. The shared
 * folder is {@code ESCALATOR_SHARED_DIR} (system property, else environment variable) when set; otherwise
 * {@code shared/} beside the repository, then one level further up. Missing, the test fails and says where it looked.
 */
public final class SharedDatasets {

    public static final String SHARED_DIR = "ESCALATOR_SHARED_DIR";
    static final String ROUTERBENCH = "datasets/routerbench";

    private SharedDatasets() {
    }

    /** The {@code *_train.csv} files, by name. */
    public static List<Path> trainFiles() {
        try (Stream<Path> files = Files.list(routerBenchDir())) {
            List<Path> train = files.filter(file -> file.getFileName().toString().endsWith("_train.csv")).sorted().toList();
            if (train.isEmpty()) {
                fail("No *_train.csv in " + routerBenchDir());
            }
            return train;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path trainFile(String prefix) {
        return trainFiles().stream().filter(file -> file.getFileName().toString().startsWith(prefix)).findFirst()
                .orElseGet(() -> fail("No " + prefix + "*_train.csv in " + routerBenchDir()));
    }

    public static Path routerBenchDir() {
        Set<Path> candidates = new LinkedHashSet<>();
        String configured = System.getProperty(SHARED_DIR);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(SHARED_DIR);
        }
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured).resolve(ROUTERBENCH));
        } else {
            Path parent = repositoryRoot().getParent();
            for (int up = 0; up < 2 && parent != null; up++, parent = parent.getParent()) {
                candidates.add(parent.resolve("shared").resolve(ROUTERBENCH));
            }
        }
        return candidates.stream().map(p -> p.toAbsolutePath().normalize()).filter(Files::isDirectory).findFirst()
                .orElseGet(() -> {
                    List<String> looked = new ArrayList<>();
                    candidates.forEach(p -> looked.add("  " + p.toAbsolutePath().normalize()));
                    return fail("The RouterBench dataset (shared/" + ROUTERBENCH + ", see its SOURCE.md) was not found."
                            + " Looked in:\n" + String.join("\n", looked) + "\nPoint to the shared folder (the one"
                            + " containing datasets/) with -D" + SHARED_DIR + "=/path/to/shared or the environment"
                            + " variable " + SHARED_DIR + ".");
                });
    }

    /**
     * The working directory or the nearest folder above it with the root pom and src/core: the module directory when
     * the tests run, the repository itself when a benchmark runs through the reactor.
     */
    private static Path repositoryRoot() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("src/core"))) {
                return dir;
            }
        }
        return fail("Expected the repository root (with pom.xml and src/core) at or above " + start);
    }
}
