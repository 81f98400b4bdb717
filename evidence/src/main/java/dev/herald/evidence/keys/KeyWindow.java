package dev.herald.evidence.keys;

import java.time.Instant;

/**
 * When an issuer key signs: from {@code validFrom} (null: since ever) until {@code validUntil}
 * (null: still active), both inclusive.
 */
public record KeyWindow(Instant validFrom, Instant validUntil) {
    public static final KeyWindow UNBOUNDED = new KeyWindow(null, null);

    public boolean contains(Instant at) {
        return (validFrom == null || !at.isBefore(validFrom)) && (validUntil == null || !at.isAfter(validUntil));
    }
}
