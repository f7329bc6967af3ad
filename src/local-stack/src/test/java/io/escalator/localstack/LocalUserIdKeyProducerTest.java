package io.escalator.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.telemetry.UserIdHasher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack's user id key: made once, kept private, the same after a restart. */
class LocalUserIdKeyProducerTest {

    @Test
    void theKeyIsMadeOnceReadableByItsOwnerOnlyAndKeptAcrossRestarts(@TempDir Path dataDir) throws IOException {
        byte[] first = LocalUserIdKeyProducer.keyIn(dataDir.resolve("data"));
        byte[] second = LocalUserIdKeyProducer.keyIn(dataDir.resolve("data"));

        assertThat(first).hasSize(32).isEqualTo(second);
        assertThat(new UserIdHasher(first).hash("alice")).isEqualTo(new UserIdHasher(second).hash("alice"));
        Path file = dataDir.resolve("data").resolve(LocalUserIdKeyProducer.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void anotherDataDirectoryGetsAnotherKey(@TempDir Path dataDir) {
        assertThat(LocalUserIdKeyProducer.keyIn(dataDir.resolve("one")))
                .isNotEqualTo(LocalUserIdKeyProducer.keyIn(dataDir.resolve("two")));
    }
}
