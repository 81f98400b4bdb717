package dev.herald.ratify.crypto;

import dev.herald.ratify.internal.DecodedKeys;

/**
 * Decoded public keys and their precomputed multiples, in a bounded least-recently-used cache:
 * verifiers see the same few keys over and over (one sidecar key signs a whole call).
 * Thread-safe; the entries are immutable.
 */
final class KeyTables {
    /** Table width (w of the w-NAF) for public keys: 8 odd multiples. */
    static final int WIDTH = 5;
    private static final int POINTS = 1 << (WIDTH - 2);

    private final DecodedKeys<Key> keys;

    /**
     * A valid public key A (canonical, on the curve, not of small order): the odd multiples of
     * [2^(64 i)]A for i = 0..3, so a 253-bit scalar splits into four 64-bit parts and a
     * verification needs 64 doublings.
     */
    record Key(EdwardsPoint.Cached[][] parts) {}

    KeyTables(int capacity) {
        this.keys = new DecodedKeys<>(capacity);
    }

    /**
     * The key for this 32-byte encoding, or null when it is not a valid public key. A key seen
     * for the first time costs a square root, 192 doublings and four small tables.
     */
    Key lookup(byte[] encoding) {
        Key cached = keys.get(encoding);
        if (cached != null) {
            return cached;
        }
        EdwardsPoint a = new EdwardsPoint();
        if (!a.setEncoded(encoding, 0) || a.hasSmallOrder()) {
            return null;
        }
        EdwardsPoint.Cached[][] parts = new EdwardsPoint.Cached[Scalars.PARTS][];
        for (int part = 0; part < Scalars.PARTS; part++) {
            if (part > 0) {
                for (int i = 0; i < Scalars.PART_BITS; i++) {
                    a.twice(i == Scalars.PART_BITS - 1);
                }
            }
            parts[part] = a.oddMultiples(POINTS);
        }
        Key k = new Key(parts);
        keys.put(encoding, k);
        return k;
    }
}
