package dev.herald.evidence.keys;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * When an issuer key signs: from {@code validFrom} (null: since ever) until {@code validUntil}
 * (null: still active), both inclusive.
 */
public record KeyWindow(Instant validFrom, Instant validUntil) {
    public static final KeyWindow UNBOUNDED = new KeyWindow(null, null);

    /**
     * Whether a file issued at {@code at} falls in the window. Artifact times (issued_at, a TSA's
     * genTime) are whole seconds, truncated, so the start is compared at whole-second precision:
     * a key created at 12:00:00.4 signs an artifact stamped 12:00:00.
     */
    public boolean contains(Instant at) {
        return (validFrom == null || !at.isBefore(validFrom.truncatedTo(ChronoUnit.SECONDS)))
                && (validUntil == null || !at.isAfter(validUntil));
    }
}
