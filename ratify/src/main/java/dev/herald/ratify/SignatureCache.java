package dev.herald.ratify;

import dev.herald.ratify.internal.Digests;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded cache of delegation-cert signatures that already verified. The key is SHA-256 over the
 * signable bytes, both signature components and both issuer key components, so any change to the
 * cert, signature or key misses the cache. Only the hybrid signature check is skipped on a hit:
 * version, scope vocabulary, expiry, revocation, constraints, chain linkage and scope are still
 * evaluated on every verification. Thread-safe. Only positive results are stored.
 */
public final class SignatureCache {
    private final int maxEntries;
    private final Map<Bytes, Boolean> entries;

    public SignatureCache(int maxEntries) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Bytes, Boolean> e) {
                return size() > SignatureCache.this.maxEntries;
            }
        };
    }

    /** The cache key for one (message, signature, key) triple. */
    static Bytes keyFor(byte[] message, HybridSignature sig, HybridPublicKey key) {
        MessageDigest md = Digests.sha256Digest();
        md.update(message);
        md.update(sig.ed25519().unsafeArray());
        md.update(sig.mlDsa65().unsafeArray());
        md.update(key.ed25519().unsafeArray());
        md.update(key.mlDsa65().unsafeArray());
        return Bytes.wrap(md.digest());
    }

    synchronized boolean contains(Bytes key) {
        return entries.containsKey(key);
    }

    synchronized void put(Bytes key) {
        entries.put(key, Boolean.TRUE);
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized void clear() {
        entries.clear();
    }
}
