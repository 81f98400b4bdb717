package dev.herald.platform.http;

import dev.herald.platform.domain.Invalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platform.idempotency.Fingerprint;
import org.junit.jupiter.api.Test;

class IdempotencyTest {
    @Test
    void headerOrBodyKeyIsUsedAndTheyMustAgree() {
        assertThat(Idempotency.key("h", null)).isEqualTo("h");
        assertThat(Idempotency.key(null, "b")).isEqualTo("b");
        assertThat(Idempotency.key("same", "same")).isEqualTo("same");
        assertThat(Idempotency.key(null, null)).isNull();
        assertThatThrownBy(() -> Idempotency.key("h", "b")).isInstanceOf(Invalid.class);
    }

    @Test
    void malformedKeysAreRejected() {
        assertThatThrownBy(() -> Idempotency.key("", null)).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> Idempotency.key("has space", null)).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> Idempotency.key("x".repeat(256), null)).isInstanceOf(Invalid.class);
    }

    @Test
    void fingerprintCoversMethodPathAndBody() {
        Fingerprint base = Fingerprint.ofRequest("POST", "/v1/a", "{}".getBytes());
        assertThat(Fingerprint.ofRequest("POST", "/v1/a", "{}".getBytes())).isEqualTo(base);
        assertThat(Fingerprint.ofRequest("PUT", "/v1/a", "{}".getBytes())).isNotEqualTo(base);
        assertThat(Fingerprint.ofRequest("POST", "/v1/b", "{}".getBytes())).isNotEqualTo(base);
        assertThat(Fingerprint.ofRequest("POST", "/v1/a", "{ }".getBytes())).isNotEqualTo(base);
    }
}
