package io.escalator.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** User ids become HMAC-SHA-256 hashes: stable under one key, different under another, never the id. */
class UserIdHasherTest {

    private static final byte[] KEY = "a key of at least sixteen bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void theHashIsTheHmacSha256OfTheIdUnderTheKey() {
        // RFC 4231, test case 6: a 131-byte key of 0xaa
        byte[] key = new byte[131];
        java.util.Arrays.fill(key, (byte) 0xaa);
        assertThat(new UserIdHasher(key).hash("Test Using Larger Than Block-Size Key - Hash Key First"))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
        assertThat(new UserIdHasher(KEY).hash("alice")).isEqualTo(new UserIdHasher(KEY).hash(" alice "));
    }

    @Test
    void anotherKeyGivesAnotherHashAndNoIdGivesNone() {
        UserIdHasher other = new UserIdHasher("another key, also long enough".getBytes(StandardCharsets.UTF_8));
        assertThat(new UserIdHasher(KEY).hash("alice")).isNotEqualTo(other.hash("alice"));
        assertThat(new UserIdHasher(KEY).hash(null)).isNull();
        assertThat(new UserIdHasher(KEY).hash("  ")).isNull();
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new UserIdHasher("short".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("at least 16 bytes");
    }
}
