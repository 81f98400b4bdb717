package dev.herald.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.evidence.json.Sha256;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FingerprintTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void fingerprintsKeptByEarlierReleases_stillMatchTheirRetries() {
        // Idempotency-Key records were fingerprinted as SHA-256(method NUL path NUL body), session
        // starts and atom batches as SHA-256(body): both are the one rule with their parts.
        byte[] body = utf8("{\"name\":\"once\"}");
        String recordHex = Sha256.ofParts(utf8("POST"), new byte[] {0}, utf8("/v1/projects"), new byte[] {0}, body).hex();
        assertThat(Fingerprint.ofRequest("POST", "/v1/projects", body).hex()).isEqualTo(recordHex);
        assertThat(Fingerprint.of(body).hex()).isEqualTo(Sha256.of(body).hex());
    }

    @Test
    void partsAreSeparated_soMovingBytesBetweenThemChangesTheFingerprint() {
        assertThat(Fingerprint.of(utf8("ab"), utf8("c"))).isNotEqualTo(Fingerprint.of(utf8("a"), utf8("bc")));
        assertThat(Fingerprint.of(utf8("abc"))).isNotEqualTo(Fingerprint.of(utf8("ab"), utf8("c")));
    }

    @Test
    void matches_comparesTheDigests() {
        Fingerprint a = Fingerprint.of(utf8("x"));
        assertThat(a.matches(new Fingerprint(a.hex()))).isTrue();
        assertThat(a.matches(Fingerprint.of(utf8("y")))).isFalse();
    }

    @Test
    void aStoredValueThatIsNotADigest_isRefused() {
        assertThatThrownBy(() -> new Fingerprint("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fingerprint("A".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }
}
