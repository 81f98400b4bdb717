package dev.herald.ratify.crypto;

import dev.herald.ratify.internal.DecodedKeys;

/**
 * Decoded public keys and their precomputed multiples, in a bounded least-recently-used cache:
 * a batch's keys usually repeat from batch to batch (one sidecar key signs a whole call).
 * Thread-safe; the entries are immutable.
 */
final class KeyTables {
    /** Table width (w of the w-NAF) for public keys: 8 odd multiples. */
    static final int WIDTH = 5;
    private static final int POINTS = 1 << (WIDTH - 2);

    private final DecodedKeys<Key> keys;

    /**
     * A valid public key A (canonical, on the curve, not of small order): the odd multiples of A
     * and, once computed, those of [2^128]A, so a 253-bit scalar splits into two 128-bit halves.
     */
    record Key(int[] x, int[] y, EdwardsPoint.Cached[] low, EdwardsPoint.Cached[] high) {}

    KeyTables(int capacity) {
        this.keys = new DecodedKeys<>(capacity);
    }

    /** The key for this 32-byte encoding, or null when it is not a valid public key. */
    Key lookup(byte[] encoding) {
        Key cached = keys.get(encoding);
        if (cached != null) {
            return cached;
        }
        EdwardsPoint a = new EdwardsPoint();
        if (!a.setEncoded(encoding, 0) || a.hasSmallOrder()) {
            return null;
        }
        Key k = new Key(a.x.clone(), a.y.clone(), a.oddMultiples(POINTS), null);
        keys.put(encoding, k);
        return k;
    }

    /** The same key with its [2^128]A table, computed now if missing (128 doublings). */
    Key withHigh(byte[] encoding, Key k) {
        if (k.high() != null) {
            return k;
        }
        EdwardsPoint a = new EdwardsPoint();
        a.setAffine(k.x(), k.y());
        for (int i = 0; i < Scalars.HALF_BITS; i++) {
            a.twice(i == Scalars.HALF_BITS - 1);
        }
        Key upgraded = new Key(k.x(), k.y(), k.low(), a.oddMultiples(POINTS));
        keys.put(encoding, upgraded);
        return upgraded;
    }
}
