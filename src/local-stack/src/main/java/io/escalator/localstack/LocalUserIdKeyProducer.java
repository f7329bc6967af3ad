package io.escalator.localstack;

import io.escalator.config.EscalatorConfig;
import io.escalator.telemetry.UserIdHasher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The local stack's user id key: the configured one, else a random key made on the first start and kept in the data
 * directory ({@code user-id.key}, readable by its owner only), so that a user's hash stays the same across restarts.
 */
public class LocalUserIdKeyProducer {

    static final String KEY_FILE = "user-id.key";

    @Produces
    @Singleton
    UserIdHasher userIdHasher(EscalatorConfig config) {
        return new UserIdHasher(config.telemetry().userIdKey()
                .map(key -> key.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> keyIn(config.dataDir())));
    }

    static byte[] keyIn(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, HexFormat.of().formatHex(key));
                } catch (FileAlreadyExistsException madeByAnotherProcess) {
                    // use theirs
                } catch (UnsupportedOperationException noPosix) {
                    Files.writeString(file, HexFormat.of().formatHex(key));
                }
            }
            return HexFormat.of().parseHex(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the user id key " + file, e);
        }
    }
}
