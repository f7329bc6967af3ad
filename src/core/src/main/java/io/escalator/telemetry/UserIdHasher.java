package io.escalator.telemetry;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a caller's user id into the only form Escalator keeps: an HMAC-SHA-256 under a secret key. Without the key
 * the hash cannot be reversed or recomputed from a guessed id (a plain SHA-256 of an e-mail address can), and the
 * same id always gives the same hash, so usage can still be told apart per user.
 */
public final class UserIdHasher {

    private static final String ALGORITHM = "HmacSHA256";
    public static final int MAX_USER_ID_LENGTH = 256;

    private final SecretKeySpec key;

    public UserIdHasher(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("the user id key must have at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** The hash of a user id, as 64 hex digits; {@code null} for no user. */
    public String hash(String userId) {
        if (userId == null || userId.isBlank()) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(userId.strip().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }
}
