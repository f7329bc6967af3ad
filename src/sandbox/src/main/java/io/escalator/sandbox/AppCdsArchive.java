package io.escalator.sandbox;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The dynamic AppCDS archive of the child JVMs: made once, by a training run ({@link CdsTraining}) with
 * {@code -XX:ArchiveClassesAtExit} on the first attempt that finds none, then used by every child with
 * {@code -XX:SharedArchiveFile}. The training run writes to a temporary name that is then moved into place, so
 * concurrent attempts and other processes never see a half-written archive; those that start meanwhile run without.
 * If making it fails, the children run without it (slower, not broken), and this is logged once.
 */
final class AppCdsArchive {

    private static final System.Logger LOG = System.getLogger(AppCdsArchive.class.getName());

    private final Path file;
    private final Function<List<String>, JavaTestResult> trainingRun;
    private boolean checked;

    /**
     * @param trainingRun runs the training attempt with the extra JVM options it is given
     */
    AppCdsArchive(Path file, Function<List<String>, JavaTestResult> trainingRun) {
        this.file = file;
        this.trainingRun = trainingRun;
    }

    Path file() {
        return file;
    }

    /** The JVM options of an attempt; the first call makes the archive when there is none yet. */
    List<String> options() {
        synchronized (this) {
            if (!checked) {
                checked = true;
                if (!Files.isRegularFile(file)) {
                    make();
                }
            }
        }
        return Files.isRegularFile(file) ? List.of("-XX:SharedArchiveFile=" + file, "-Xshare:auto") : List.of();
    }

    private void make() {
        Path made = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            JavaTestResult training = trainingRun.apply(List.of("-XX:ArchiveClassesAtExit=" + made));
            if (!Files.isRegularFile(made) || Files.size(made) == 0) {
                LOG.log(Level.WARNING, "no AppCDS archive was made, the child JVMs start without: {0} {1}",
                        training.failure(), training.output());
                return;
            }
            try {
                Files.move(made, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(made, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "no AppCDS archive was made, the child JVMs start without", e);
        } finally {
            try {
                Files.deleteIfExists(made);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "could not delete {0}", made);
            }
        }
    }
}
