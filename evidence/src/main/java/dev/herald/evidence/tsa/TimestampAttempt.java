package dev.herald.evidence.tsa;

import java.time.Instant;

/** One recorded TSA attempt. {@code detail} explains non-granted outcomes (never secrets). */
public record TimestampAttempt(String provider, String url, AttemptStatus status, String detail, Instant attemptedAt) {
    public TimestampAttempt {
        if (provider == null || url == null || status == null || attemptedAt == null) {
            throw new IllegalArgumentException("incomplete TSA attempt");
        }
        detail = detail == null ? "" : detail;
    }
}
