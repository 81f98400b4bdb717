package dev.herald.voice.core.campaign;

import java.time.Duration;
import java.util.Objects;

/** How often a lead is dialled in total while it keeps ending this way, and the wait between dials. */
public record RetryRule(int maxAttempts, Duration spacing) {
    public RetryRule {
        Objects.requireNonNull(spacing, "spacing");
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be 1..10");
        }
        if (spacing.isNegative() || spacing.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("spacing must be 0..7 days");
        }
    }
}
