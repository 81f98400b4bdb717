package dev.herald.ratify.crypto;

/** Precomputed odd multiples of [2^(64 i)]B for i = 0..3, built once. */
final class BasePoint {
    private BasePoint() {}

    /** Table width for B: a constant point affords a wide table (64 odd multiples). */
    static final int WIDTH = 8;

    /** PARTS[i] holds the odd multiples of [2^(64 i)]B. */
    static final EdwardsPoint.Cached[][] PARTS = new EdwardsPoint.Cached[Scalars.PARTS][];

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
        for (int part = 0; part < Scalars.PARTS; part++) {
            if (part > 0) {
                for (int i = 0; i < Scalars.PART_BITS; i++) {
                    b.twice(i == Scalars.PART_BITS - 1);
                }
            }
            PARTS[part] = b.oddMultiples(points);
        }
    }
}
