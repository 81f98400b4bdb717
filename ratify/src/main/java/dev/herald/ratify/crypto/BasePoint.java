package dev.herald.ratify.crypto;

/** Precomputed odd multiples of the base point B and of [2^128]B, built once. */
final class BasePoint {
    private BasePoint() {}

    /** Table width for B: a constant point affords a wide table (64 odd multiples). */
    static final int WIDTH = 8;

    static final EdwardsPoint.Cached[] LOW;
    static final EdwardsPoint.Cached[] HIGH;

    static {
        // RFC 8032 section 5.1: B has y = 4/5 and an even x.
        byte[] encoded = new byte[32];
        encoded[0] = 0x58;
        for (int i = 1; i < 32; i++) {
            encoded[i] = 0x66;
        }
        EdwardsPoint b = new EdwardsPoint();
        if (!b.setEncoded(encoded, 0)) {
            throw new IllegalStateException("base point does not decode");
        }
        int points = 1 << (WIDTH - 2);
        LOW = b.oddMultiples(points);
        for (int i = 0; i < Scalars.HALF_BITS; i++) {
            b.twice(i == Scalars.HALF_BITS - 1);
        }
        HIGH = b.oddMultiples(points);
    }
}
