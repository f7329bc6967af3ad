package io.escalator.deployment;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where things are: the repository (two levels above this module), its template, and the shared schema folder. */
final class Repository {

    /** System property or environment variable naming the shared folder (the one that holds schemas/). */
    static final String SHARED_DIR = "ESCALATOR_SHARED_DIR";
    static final String SAM_SCHEMA = "schemas/sam.schema.json";

    private Repository() {
    }

    /** This module's directory: set by the pom (Surefire), else the working directory Maven gives tests. */
    static Path moduleDir() {
        String configured = System.getProperty("escalator.deployment.module-dir");
        return Path.of(configured != null ? configured : System.getProperty("user.dir")).toAbsolutePath().normalize();
    }

    static Path root() {
        Path module = moduleDir();
        Path root = module.getParent() == null ? null : module.getParent().getParent();
        if (root == null || !Files.isRegularFile(root.resolve("template.yaml")) || !Files.isRegularFile(root.resolve("pom.xml"))) {
            fail("Expected the repository root (with pom.xml and template.yaml) two levels above the module directory "
                    + module + ", found " + root);
        }
        return root;
    }

    static Path template() {
        return root().resolve("template.yaml");
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The SAM schema from the shared folder, never a copy in the repository. With {@code ESCALATOR_SHARED_DIR} (system
     * property, else environment) set, only there; otherwise in {@code shared/} beside the repository, then one level
     * further up. Fails, naming every place it looked and how to point elsewhere, when none has it.
     */
    static Path samSchema() {
        return samSchema(configuredSharedDir());
    }

    static Path samSchema(Optional<Path> configuredSharedDir) {
        Set<Path> candidates = new LinkedHashSet<>();
        if (configuredSharedDir.isPresent()) {
            candidates.add(configuredSharedDir.get().resolve(SAM_SCHEMA));
            candidates.add(configuredSharedDir.get().resolve("sam.schema.json"));
        } else {
            Path parent = root().getParent();
            for (int up = 0; up < 2 && parent != null; up++, parent = parent.getParent()) {
                candidates.add(parent.resolve("shared").resolve(SAM_SCHEMA));
            }
        }
        Optional<Path> found = candidates.stream().map(p -> p.toAbsolutePath().normalize()).filter(Files::isRegularFile).findFirst();
        if (found.isEmpty()) {
            List<String> looked = new ArrayList<>();
            candidates.forEach(p -> looked.add("  " + p.toAbsolutePath().normalize()));
            fail("The SAM schema (sam.schema.json, see shared/schemas/SOURCE.md) was not found. Looked in:\n"
                    + String.join("\n", looked) + "\nPoint to the shared folder (the one containing schemas/) with -D"
                    + SHARED_DIR + "=/path/to/shared or the environment variable " + SHARED_DIR + ".");
        }
        return found.get();
    }

    static Optional<Path> configuredSharedDir() {
        String value = System.getProperty(SHARED_DIR);
        if (value == null || value.isBlank()) {
            value = System.getenv(SHARED_DIR);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    /** A file the template names, relative to the template's folder; fails with how to build it when it is missing. */
    static Path builtFile(String relative, String whatBuildsIt) {
        Path file = root().resolve(relative).normalize();
        if (!Files.isRegularFile(file)) {
            fail(relative + " does not exist (looked at " + file + "). " + whatBuildsIt);
        }
        return file;
    }
}
