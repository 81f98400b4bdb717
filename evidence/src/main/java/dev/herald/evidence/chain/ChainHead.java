package dev.herald.evidence.chain;

import dev.herald.evidence.json.Sha256;

/**
 * The tip of a chain: hash of the last entry (the genesis hash for an empty chain), number of
 * entries, and the last entry's {@code sequence} (its artifact sequence when it has none; 0 when
 * empty).
 */
public record ChainHead(Sha256 contentHash, long eventCount, long sequence) {
    public ChainHead {
        if (contentHash == null || eventCount < 0) {
            throw new IllegalArgumentException("invalid chain head");
        }
    }
}
