package dev.herald.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ApiKeySecretTest {
    @Test
    void generatedKeysHaveThePrefixAndParseBack() {
        ApiKeySecret key = ApiKeySecret.generate(new SecureRandom());
        assertThat(key.reveal()).matches("hk_live_[A-Za-z0-9_-]{43}");
        ApiKeySecret parsed = ApiKeySecret.parse(key.reveal()).orElseThrow();
        assertThat(parsed.matches(key.hash())).isTrue();
        assertThat(parsed.lookup()).isEqualTo(key.lookup()).hasSize(12);
    }

    @Test
    void toStringAndHashNeverContainTheSecret() {
        ApiKeySecret key = ApiKeySecret.generate(new SecureRandom());
        String secretPart = key.reveal().substring(20);
        assertThat(key.toString()).doesNotContain(secretPart);
        assertThat(key.hash()).doesNotContain(secretPart).hasSize(64);
    }

    @Test
    void malformedKeysDoNotParse() {
        assertThat(ApiKeySecret.parse(null)).isEmpty();
        assertThat(ApiKeySecret.parse("hk_live_short")).isEmpty();
        assertThat(ApiKeySecret.parse("sk_live_" + "a".repeat(43))).isEmpty();
        assertThat(ApiKeySecret.parse("hk_live_" + "a".repeat(42) + "=")).isEmpty();
    }

    @Test
    void aDifferentKeyDoesNotMatch() {
        SecureRandom r = new SecureRandom();
        assertThat(ApiKeySecret.generate(r).matches(ApiKeySecret.generate(r).hash())).isFalse();
    }
}
