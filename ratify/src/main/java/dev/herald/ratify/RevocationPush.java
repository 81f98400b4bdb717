package dev.herald.ratify;

import java.util.List;
import java.util.Objects;

/**
 * A signed revocation delta (SPEC 5.11). {@code seqNo} starts at 1 and increases by one per
 * issuer; a receiver that sees a gap must fall back to fetching the full list.
 */
public record RevocationPush(String issuerId, long seqNo, List<String> entries, long pushedAt,
        HybridSignature signature) {
    public RevocationPush {
        Objects.requireNonNull(issuerId, "issuerId");
        entries = List.copyOf(entries);
        Objects.requireNonNull(signature, "signature");
    }

    public byte[] signableBytes() {
        return SignableBytes.revocationPush(this);
    }
}
