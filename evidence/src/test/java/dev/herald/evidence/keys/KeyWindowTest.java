package dev.herald.evidence.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyWindowTest {
    @Test
    void anArtifactStampedInTheSecondTheKeyWasCreated_isInsideItsWindow() {
        KeyWindow window = new KeyWindow(Instant.parse("2026-11-27T01:15:41.120698786Z"), null);
        assertThat(window.contains(Instant.parse("2026-11-27T01:15:41Z"))).isTrue();
        assertThat(window.contains(Instant.parse("2026-11-27T01:15:40Z"))).isFalse();
    }

    @Test
    void theEndIsInclusive_andAfterItNothingIsInside() {
        KeyWindow window = new KeyWindow(null, Instant.parse("2026-11-27T02:00:00Z"));
        assertThat(window.contains(Instant.parse("2026-11-27T02:00:00Z"))).isTrue();
        assertThat(window.contains(Instant.parse("2026-11-27T02:00:01Z"))).isFalse();
        assertThat(KeyWindow.UNBOUNDED.contains(Instant.EPOCH)).isTrue();
    }
}
