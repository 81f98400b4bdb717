package dev.herald.ratify.crypto;

/** Precomputed odd multiples of B for each way of splitting a scalar, built once. */
final class BasePoint {
    private BasePoint() {}

    /** Table width for B: a constant point affords a wide table (64 odd multiples). */
    static final int WIDTH = 8;

    /** QUARTERS[i] holds the odd multiples of [2^(64 i)]B. */
    static final EdwardsPoint.Cached[][] QUARTERS;

    /** EIGHTHS[i] holds the odd multiples of [2^(32 i)]B. */
    static final EdwardsPoint.Cached[][] EIGHTHS;

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
        QUARTERS = b.partTables(Scalars.Split.QUARTERS.parts, Scalars.Split.QUARTERS.partBits, points);
        EIGHTHS = b.partTables(Scalars.Split.EIGHTHS.parts, Scalars.Split.EIGHTHS.partBits, points);
    }

    static EdwardsPoint.Cached[][] tables(Scalars.Split split) {
        return split == Scalars.Split.QUARTERS ? QUARTERS : EIGHTHS;
    }
}
