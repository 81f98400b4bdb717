package dev.herald.ratify;

import java.util.List;
import java.util.Objects;

/**
 * A signed authorization from issuer to subject (SPEC 5.7). {@code constraints} is never null;
 * an empty list serializes as {@code []}.
 */
public record DelegationCert(
        String certId,
        int version,
        String issuerId,
        HybridPublicKey issuerPubKey,
        String subjectId,
        HybridPublicKey subjectPubKey,
        List<String> scope,
        List<Constraint> constraints,
        long issuedAt,
        long expiresAt,
        HybridSignature signature) {

    public DelegationCert {
        Objects.requireNonNull(certId, "certId");
        Objects.requireNonNull(issuerId, "issuerId");
        Objects.requireNonNull(issuerPubKey, "issuerPubKey");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(subjectPubKey, "subjectPubKey");
        scope = List.copyOf(scope);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        Objects.requireNonNull(signature, "signature");
    }

    /** True when {@code expires_at} is the "until revoked" sentinel (SPEC 5.7). */
    public boolean hasNoExpiry() {
        return expiresAt == Ratify.NO_EXPIRY_SENTINEL;
    }

    /** The canonical bytes that both signature components cover (SPEC 6.4.1). */
    public byte[] signableBytes() {
        return SignableBytes.delegation(this);
    }
}
