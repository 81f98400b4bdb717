package dev.herald.ratify;

import java.util.List;
import java.util.Objects;

/** A signed list of revoked cert ids (SPEC 5.10). */
public record RevocationList(String issuerId, long updatedAt, List<String> revokedCerts,
        HybridSignature signature) {
    public RevocationList {
        Objects.requireNonNull(issuerId, "issuerId");
        revokedCerts = List.copyOf(revokedCerts);
        Objects.requireNonNull(signature, "signature");
    }

    public byte[] signableBytes() {
        return SignableBytes.revocationList(this);
    }
}
