package dev.herald.ratify.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keys decoded from their byte encodings (points, provider keys, precomputed tables), in a bounded
 * least-recently-used map: verifiers see the same few keys over and over, and decoding one costs
 * a square root or tens of microseconds. Thread-safe; callers store immutable values.
 */
public final class DecodedKeys<V> {
    private final Map<ByteKey, V> entries;

    public DecodedKeys(int capacity) {
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteKey, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value stored for this encoding, or null. */
    public V get(byte[] encoding) {
        ByteKey key = new ByteKey(encoding);
        synchronized (entries) {
            return entries.get(key);
        }
    }

    /** Stores (or replaces) the value for a copy of this encoding. */
    public void put(byte[] encoding, V value) {
        ByteKey key = new ByteKey(encoding.clone());
        synchronized (entries) {
            entries.put(key, value);
        }
    }
}
