package dev.herald.ratify.crypto;

import dev.herald.ratify.internal.DecodedKeys;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decoded public keys and their precomputed multiples, in a bounded least-recently-used cache:
 * verifiers see the same few keys over and over (one sidecar key signs a whole call).
 * Thread-safe.
 */
final class KeyTables {
    /** Table width (w of the w-NAF) for a key's first uses: 8 odd multiples per part. */
    static final int WIDTH = 5;
    /** Table width for a key in frequent use: 64 odd multiples per part, as for B. */
    static final int WIDE_WIDTH = 8;
    /**
     * The use at which a key gets its wide tables. They cost about seven verifications to build
     * (about 500 point additions and 230 doublings) and save about a third of every later one.
     */
    static final int WIDE_AFTER = 8;

    private final DecodedKeys<Key> keys;

    /**
     * A valid public key A (canonical, on the curve, not of small order). Its quarter tables
     * (odd multiples of [2^(64 i)]A) are built with it; its eighth tables (64 odd multiples of
     * [2^(32 i)]A, about 120 KB) at its {@link #WIDE_AFTER}th use, so a cache full of keys in
     * frequent use holds at most 32 MB of them.
     */
    static final class Key {
        private final byte[] encoding;
        private final EdwardsPoint.Cached[][] quarters;
        private final AtomicInteger uses = new AtomicInteger();
        private volatile EdwardsPoint.Cached[][] eighths;

        private Key(byte[] encoding, EdwardsPoint.Cached[][] quarters) {
            this.encoding = encoding;
            this.quarters = quarters;
        }

        /** How a verification by this key splits its scalars: eighths once the key is in frequent use. */
        Scalars.Split split() {
            return eighths != null || uses.incrementAndGet() >= WIDE_AFTER ? Scalars.Split.EIGHTHS : Scalars.Split.QUARTERS;
        }

        /** The tables for {@code split}; the eighth tables are built on first request. */
        EdwardsPoint.Cached[][] tables(Scalars.Split split) {
            if (split == Scalars.Split.QUARTERS) {
                return quarters;
            }
            EdwardsPoint.Cached[][] built = eighths;
            if (built == null) {
                // Two threads may both build them; either result is the same table.
                EdwardsPoint a = new EdwardsPoint();
                a.setEncoded(encoding, 0);
                built = a.partTables(Scalars.Split.EIGHTHS.parts, Scalars.Split.EIGHTHS.partBits, 1 << (WIDE_WIDTH - 2));
                eighths = built;
            }
            return built;
        }

        /** The w of the w-NAF that {@link #tables} are built for. */
        static int width(Scalars.Split split) {
            return split == Scalars.Split.QUARTERS ? WIDTH : WIDE_WIDTH;
        }
    }

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
        Key k = new Key(encoding.clone(),
                a.partTables(Scalars.Split.QUARTERS.parts, Scalars.Split.QUARTERS.partBits, 1 << (WIDTH - 2)));
        keys.put(encoding, k);
        return k;
    }
}
