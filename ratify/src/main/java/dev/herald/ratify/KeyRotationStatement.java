package dev.herald.ratify;

import java.util.Objects;
import java.util.Set;

/** Links an old root key to a new one; both keys sign the same bytes (SPEC 5.15). */
public record KeyRotationStatement(
        int version,
        String oldId,
        HybridPublicKey oldPubKey,
        String newId,
        HybridPublicKey newPubKey,
        long rotatedAt,
        String reason,
        HybridSignature signatureOld,
        HybridSignature signatureNew) {

    /** The closed set of rotation reasons. */
    public static final Set<String> REASONS =
            Set.of("routine", "compromise_suspected", "device_lost", "recovery", "other");

    public KeyRotationStatement {
        Objects.requireNonNull(oldId, "oldId");
        Objects.requireNonNull(oldPubKey, "oldPubKey");
        Objects.requireNonNull(newId, "newId");
        Objects.requireNonNull(newPubKey, "newPubKey");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(signatureOld, "signatureOld");
        Objects.requireNonNull(signatureNew, "signatureNew");
    }

    public byte[] signableBytes() {
        return SignableBytes.keyRotation(this);
    }
}
